package io.skyrtc.signaling.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.skyrtc.signaling.cli.SkyrtcCli;
import io.skyrtc.signaling.testing.TestServers;
import io.skyrtc.turn.testing.SystemPackages;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The coturn config the compose stack uses: compose/coturn/render.sh (as the coturn-config service runs
 * it, with skyrtc's CLI) renders it from .env values, Debian's real coturn starts with it, and
 * `skyrtc ice-check` allocates a relay with the TURN secret skyrtc signs with. Only the ports differ
 * from production (free ones; the test cannot take 3478).
 */
class ComposeCoturnTest {
    static final String TURN_SECRET = "compose-turn-secret-0123456789abcdef";

    @TempDir
    Path dir;
    Process coturn;

    @AfterEach
    void stop() throws Exception {
        if (coturn != null) {
            coturn.destroy();
            if (!coturn.waitFor(10, TimeUnit.SECONDS)) {
                coturn.destroyForcibly();
            }
        }
    }

    @Test
    void renderedConfigRunsInRealCoturnAndPassesIceCheckWithSkyrtcsSecret() throws Exception {
        Path turnserver = SystemPackages.require("turnserver", "coturn");
        int port = freePort();
        int min = 30_000 + 200 * ThreadLocalRandom.current().nextInt(50);
        String cli = "java -cp " + System.getProperty("java.class.path") + " " + SkyrtcCli.class.getName();
        Path conf = dir.resolve("turnserver.conf");
        Map<String, String> env = Map.of(
                "RENDER_CLI", cli,
                "SKYRTC_AUTH_ROOM_TOKEN_SECRET", TestServers.SECRET,
                "SKYRTC_TURN_SECRETS", TURN_SECRET,
                "TURN_REALM", "rtc.example.com",
                "TURN_EXTERNAL_IP", "203.0.113.10",
                "TURN_PORT", Integer.toString(port),
                "TURN_MIN_PORT", Integer.toString(min),
                "TURN_MAX_PORT", Integer.toString(min + 99),
                "TURN_OUT", conf.toString(),
                "TURN_STATE_DIR", dir.toString());
        Processes.Result render = Processes.run(dir, env,
                List.of("/bin/sh", RepoFiles.path("compose/coturn/render.sh").toString()));
        assertThat(render.exit()).as(render.out()).isZero();
        String text = Files.readString(conf);
        assertThat(text).contains("static-auth-secret=" + TURN_SECRET).contains("use-auth-secret")
                .contains("realm=rtc.example.com").contains("external-ip=203.0.113.10")
                .contains("listening-port=" + port).contains("pidfile=" + dir.resolve("turnserver.pid")).contains("denied-peer-ip=10.0.0.0-10.255.255.255");

        coturn = new ProcessBuilder(turnserver.toString(), "-c", conf.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("coturn.out").toFile()).start();
        String url = "turn:127.0.0.1:" + port;
        // a fresh JVM's first check is slow on a loaded machine (ice4j's start-up): generous bounds
        Processes.Result check = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            check = Processes.run(dir, Map.of(), List.of("java", "-cp", System.getProperty("java.class.path"),
                    SkyrtcCli.class.getName(), "ice-check", url, "--secret", TURN_SECRET, "--timeout-ms", "15000"));
            if (check.exit() == 0 || !coturn.isAlive()) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(coturn.isAlive()).as(Files.readString(dir.resolve("coturn.out"))).isTrue();
        assertThat(check.exit()).as(check.out() + "\n" + text + "\n" + Files.readString(dir.resolve("coturn.out")))
                .isZero();
        assertThat(check.out()).contains("203.0.113.10");  // the relay address clients get: the public one

        Processes.Result wrong = Processes.run(dir, Map.of(), List.of("java", "-cp",
                System.getProperty("java.class.path"), SkyrtcCli.class.getName(), "ice-check", url, "--secret",
                "not-the-secret-0123456789abcdef", "--timeout-ms", "15000"));
        assertThat(wrong.exit()).as(wrong.out()).isEqualTo(1);
        assertThat(wrong.out()).contains("FAILED", "error 401");
    }

    /** Free for both UDP and TCP on loopback, outside the relay blocks. */
    static int freePort() throws Exception {
        InetAddress lo = InetAddress.getLoopbackAddress();
        for (int i = 0; i < 50; i++) {
            try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(lo, 0))) {
                int p = udp.getLocalPort();
                if (p >= 20_000 && p < 40_000) {
                    continue;
                }
                try (ServerSocket tcp = new ServerSocket(p, 1, lo)) {
                    return p;
                } catch (java.io.IOException taken) {
                    // try another
                }
            }
        }
        throw new IllegalStateException("no free port");
    }
}
