package io.skyrtc.turn.testing;

import io.skyrtc.turn.check.IceChecker;
import io.skyrtc.turn.check.ServerCheck;
import io.skyrtc.turn.coturn.CoturnConfig;
import io.skyrtc.turn.coturn.CoturnProfiles;
import io.skyrtc.turn.coturn.CoturnRenderer;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A real Debian coturn on 127.0.0.1, configured by skyrtc's own renderer from a profiles file
 * (base + overlays). Ports are free ones picked at start, and every instance gets its own relay range
 * so two coturns in one test run never clash. Stop and start again keep the same ports.
 */
public final class CoturnServer implements AutoCloseable {
    public static final String SECRET = "test-secret-0123456789abcdef";
    public static final String REALM = "test.skyrtc.local";

    private final Path dir;
    private final String env;
    private final CoturnConfig config;
    private final Path confFile;
    private Process process;

    private CoturnServer(Path dir, String env, CoturnConfig config) throws IOException {
        this.dir = dir;
        this.env = env;
        this.config = config;
        this.confFile = dir.resolve("turnserver-" + env + ".conf");
        Files.writeString(confFile, CoturnRenderer.render(env, config));
    }

    /**
     * Renders environment {@code env} of a profiles file whose base listens on 127.0.0.1 on free
     * ports; {@code overlay} is YAML for that environment (indented under it), e.g. the dev overlay
     * {@code "dev: true\nallowLoopbackPeers: true"}.
     */
    public static CoturnServer start(Path dir, String env, String overlay, List<String> secrets) throws IOException {
        SystemPackages.require("turnserver", "coturn");
        int port = freePort();
        int min = 20_000 + 200 * ThreadLocalRandom.current().nextInt(50);  // a 100-port block in 20000-29999
        String yaml = "base:\n"
                + "  realm: " + REALM + "\n"
                + "  listeningIps: [127.0.0.1]\n"
                + "  listeningPort: " + port + "\n"
                + "  minPort: " + min + "\n"
                + "  maxPort: " + (min + 99) + "\n"
                + "  logFile: " + dir.resolve(env + ".log") + "\n"
                + "  pidFile: " + dir.resolve(env + ".pid") + "\n"
                + "  userDb: " + dir.resolve(env + ".db") + "\n"
                + "environments:\n"
                + "  " + env + ":\n"
                + overlay.lines().map(l -> "    " + l + "\n").reduce("", String::concat);
        CoturnConfig config = CoturnProfiles.parse(yaml).withDefaultSecrets(secrets).get(env);
        CoturnServer server = new CoturnServer(dir, env, config);
        server.start();
        return server;
    }

    public synchronized void start() throws IOException {
        if (process != null && process.isAlive()) {
            return;
        }
        Path log = dir.resolve(env + ".out");
        process = new ProcessBuilder(SystemPackages.require("turnserver", "coturn").toString(), "-c",
                confFile.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        awaitReady();
    }

    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    @Override
    public void close() {
        stop();
    }

    public String stunUrl() {
        return "stun:127.0.0.1:" + config.listeningPort();
    }

    public String turnUrl() {
        return "turn:127.0.0.1:" + config.listeningPort();
    }

    public CoturnConfig config() {
        return config;
    }

    public String log() {
        try {
            Path file = dir.resolve(env + ".log");
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** coturn prints no "ready" line: poll with a STUN Binding until it answers. */
    private void awaitReady() throws IOException {
        IceChecker checker = new IceChecker(Clock.systemUTC());
        IceChecker.Options quick = new IceChecker.Options(Duration.ofMillis(250), null, null);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new IOException("turnserver exited with " + process.exitValue() + ":\n" + log());
            }
            if (checker.checkOne(stunUrl(), quick).status() == ServerCheck.Status.PASSED) {
                return;
            }
        }
        stop();
        throw new IOException("turnserver did not answer STUN within 15 s:\n" + log());
    }

    /** A port free for both UDP and TCP on 127.0.0.1 (coturn listens on both). */
    private static int freePort() throws IOException {
        InetAddress lo = InetAddress.getLoopbackAddress();
        for (int i = 0; i < 50; i++) {
            try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(lo, 0))) {
                int port = udp.getLocalPort();
                if (port >= 20_000 && port < 30_000) {
                    continue;  // keep clear of the relay blocks
                }
                try (ServerSocket tcp = new ServerSocket(port, 1, lo)) {
                    return port;
                } catch (IOException busy) {
                    // try another
                }
            }
        }
        throw new IOException("no free port");
    }
}
