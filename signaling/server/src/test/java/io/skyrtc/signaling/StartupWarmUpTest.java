package io.skyrtc.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.skyrtc.signaling.config.SkyrtcConfig;
import io.skyrtc.signaling.testing.TestServers;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The start-up warm-up really drives the signaling path, and leaves nothing behind in the real server. */
class StartupWarmUpTest {
    @Test
    void theWarmUpJoinsAndRelaysWithoutError() {
        SkyrtcConfig real = TestServers.config(Map.of("limits.ratePerSecond", "5", "limits.rateBurst", "5"));
        StartupWarmUp.Result r = StartupWarmUp.run(real, 1000);
        assertThat(r.failure()).isNull();
        assertThat(r.joins()).isGreaterThanOrEqualTo(8);
        // the real rate limit (5/s) would have closed a warm-up connection after 5 messages
        assertThat(r.messages()).isGreaterThan(100);
    }

    @Test
    void aServerThatWarmedUpStartsWithNothingCountedAndReportsReadyOnlyAfter() throws Exception {
        SkyrtcConfig config = TestServers.config(Map.of("server.warmUpMs", "500", "server.dev", "true"));
        try (SkyrtcServer server = new SkyrtcServer(config)) {
            assertThat(server.readiness().isReady()).isFalse();
            server.start();
            assertThat(server.readiness().isReady()).isTrue();
            assertThat(server.rooms().roomCount()).isZero();
            assertThat(server.metrics().connections.get()).isZero();
            assertThat(server.metrics().joins.count()).isZero();
        }
    }
}
