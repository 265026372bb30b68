package io.skyrtc.signaling.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.skyrtc.signaling.testing.ServeProcess;
import io.skyrtc.signaling.testing.WsClient;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** SIGTERM to a real {@code skyrtc serve} process: it drains (peers told), then exits at the bound. */
class SigtermDrainTest {

    @Test
    void sigtermDrainsThenExitsWithinTheBound() throws Exception {
        try (ServeProcess serve = ServeProcess.start(List.of("--dev", "--port", "0"),
                Map.of("SKYRTC_SERVER_DRAIN_TIMEOUT_MS", "2000"))) {
            Process p = serve.process();
            URI uri = serve.baseUri();
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
            serve.awaitOutputEnd(10_000);
            assertThat(serve.output()).contains("event=drain ").contains("event=drained peers=1 reason=deadline");
        }
    }
}
