package io.skyrtc.signaling.tls;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Direct {@code wss://} (server.tls.*): Jetty's TLS context from PEM files, TLS 1.2 and 1.3 only, and
 * re-read when either file changes (certbot renews in place; nothing restarts), checked every
 * {@code reloadIntervalMs}. A renewed pair that does not load is logged and the old one kept.
 */
public final class TlsContext implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TlsContext.class);
    /** What the server speaks; TLS 1.0 and 1.1 handshakes are refused (mini-programs require 1.2+). */
    public static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final Path certFile;
    private final Path keyFile;
    private final SslContextFactory.Server factory = new SslContextFactory.Server();
    private final ScheduledExecutorService watcher;
    private FileTime certTime;
    private FileTime keyTime;

    public TlsContext(Path certFile, Path keyFile, long reloadIntervalMs) {
        this.certFile = certFile;
        this.keyFile = keyFile;
        certTime = modified(certFile);
        keyTime = modified(keyFile);
        factory.setKeyStore(PemKeyStore.load(certFile, keyFile));
        factory.setKeyStorePassword(PemKeyStore.PASSWORD);
        factory.setIncludeProtocols(PROTOCOLS);
        // the same host may be reached by IP or by a name the certificate does not carry (dev, tests)
        factory.setSniRequired(false);
        factory.setRenegotiationAllowed(false);
        if (reloadIntervalMs > 0) {
            watcher = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "tls-reload");
                t.setDaemon(true);
                return t;
            });
            watcher.scheduleWithFixedDelay(this::reloadIfChanged, reloadIntervalMs, reloadIntervalMs,
                    TimeUnit.MILLISECONDS);
        } else {
            watcher = null;
        }
    }

    public SslContextFactory.Server factory() {
        return factory;
    }

    private void reloadIfChanged() {
        FileTime c = modified(certFile);
        FileTime k = modified(keyFile);
        if (c == null || k == null || (c.equals(certTime) && k.equals(keyTime))) {
            return;
        }
        try {
            var ks = PemKeyStore.load(certFile, keyFile);
            factory.reload(f -> f.setKeyStore(ks));
            certTime = c;
            keyTime = k;
            io.skyrtc.signaling.logs.EventLog.info("tls-reload", "certFile", certFile, "keyFile", keyFile);
        } catch (Exception e) {
            // often the cert is written before the key: the next check sees both
            LOG.warn("TLS files changed but do not load yet; keeping the current certificate: {}", e.getMessage());
        }
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    @Override
    public void close() {
        if (watcher != null) {
            watcher.shutdownNow();
        }
    }
}
