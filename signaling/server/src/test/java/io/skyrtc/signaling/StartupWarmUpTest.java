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
    void theThrowawayRoomsEventLinesAreNotWrittenAndTheRealNodesAre() throws Exception {
        ch.qos.logback.classic.Logger events = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
                .getLogger(io.skyrtc.signaling.logs.EventLog.LOGGER);
        var shipped = (io.skyrtc.signaling.logs.EventLineAppender) events.getAppender("EVENTS");
        var written = new ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
        written.start();
        shipped.addAppender(written);
        try {
            StartupWarmUp.Result r = StartupWarmUp.run(TestServers.config(Map.of()), 1000);
            assertThat(r.joins()).isPositive();
            io.skyrtc.signaling.logs.EventLog.info("after-warm-up", "n", 1);
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                    .until(() -> messages(written).contains("event=after-warm-up n=1"));
            assertThat(messages(written)).noneMatch(m -> m.contains("warm-up-"));
        } finally {
            shipped.detachAppender(written);
        }
    }

    static java.util.List<String> messages(
            ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> a) {
        synchronized (a.list) {
            return a.list.stream().map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage).toList();
        }
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
