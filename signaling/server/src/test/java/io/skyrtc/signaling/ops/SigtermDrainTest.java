package io.skyrtc.signaling.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.skyrtc.signaling.testing.WsClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** SIGTERM to a real {@code skyrtc serve} process: it drains (peers told), then exits at the bound. */
class SigtermDrainTest {
    static final Pattern LISTENING = Pattern.compile(".*skyrtc listening on (http://127\\.0\\.0\\.1:\\d+).*");

    @Test
    void sigtermDrainsThenExitsWithinTheBound() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("java", "-cp", classpath(), "io.skyrtc.signaling.cli.SkyrtcCli", "serve",
                "--dev", "--port", "0").redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("SKYRTC_"));
        pb.environment().put("SKYRTC_SERVER_DRAIN_TIMEOUT_MS", "2000");
        Process p = pb.start();
        List<String> out = new ArrayList<>();
        CompletableFuture<String> base = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    synchronized (out) {
                        out.add(line);
                    }
                    Matcher m = LISTENING.matcher(line);
                    if (m.matches()) {
                        base.complete(m.group(1));
                    }
                }
            } catch (Exception e) {
                base.completeExceptionally(e);
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            URI uri = URI.create(base.get(60, TimeUnit.SECONDS));
            try (WsClient a = WsClient.connect(uri)) {
                a.join("r", null);
                long start = System.nanoTime();
                // SIGTERM; not Process.destroy(), which also closes our end of the child's output
                p.toHandle().destroy();
                a.expect("draining");
                a.expectError("server-shutdown");
                assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("exited").isTrue();
                long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertThat(tookMs).as("waited for the drain bound").isGreaterThanOrEqualTo(1800);
            }
            reader.join(10_000);
            synchronized (out) {
                assertThat(String.join("\n", out)).contains("event=drain ").contains("event=drained peers=1 reason=deadline");
            }
        } finally {
            p.destroyForcibly();
        }
    }

    static String classpath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }
}
