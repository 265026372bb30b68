package io.skyrtc.signaling.config;

import io.skyrtc.signaling.tls.DevCertificate;
import io.skyrtc.signaling.tls.TlsContext;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Maps {@code server.tls} onto the tls feature: none, the configured PEM files, or the dev certificate. */
public final class ServerTls {
    private static final Logger LOG = LoggerFactory.getLogger(ServerTls.class);

    private ServerTls() {}

    /** Null when server.tls is off; a bad file stops start-up with a message naming it. */
    public static TlsContext context(SkyrtcConfig.Server server) {
        SkyrtcConfig.Tls t = server.tls();
        if (!t.enabled()) {
            return null;
        }
        try {
            if (t.dev()) {
                Path dir = t.devDir() != null ? Path.of(t.devDir())
                        : Path.of(System.getProperty("user.home"), ".skyrtc", "tls");
                DevCertificate.DevFiles dev = DevCertificate.ensure(dir, List.of(server.effectiveHost()));
                LOG.warn("dev TLS certificate {} ({}), SHA-256 fingerprint {}: self-signed, trust it once in the browser;"
                        + " never use it in production", dev.certFile(), dev.created() ? "new" : "reused", dev.sha256());
                return new TlsContext(dev.certFile(), dev.keyFile(), 0);
            }
            return new TlsContext(Path.of(t.certFile()), Path.of(t.keyFile()), t.reloadIntervalMs());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }
}
