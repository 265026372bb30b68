package io.skyrtc.signaling.ws;

import static io.skyrtc.signaling.testing.WsClient.msg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.skyrtc.signaling.SkyrtcServer;
import io.skyrtc.signaling.testing.ServerFixture;
import io.skyrtc.signaling.testing.TestServers;
import io.skyrtc.signaling.testing.WsClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A room stuck on a slow consumer does not delay other rooms; the slow consumer is closed (1013). */
class IsolationTest {
    private SkyrtcServer server;
    @RegisterExtension
    final ServerFixture fx = new ServerFixture();

    private WsClient client() {
        return fx.client(server);
    }

    @Test
    void slowConsumerIsCutOffAndOtherRoomsKeepFlowing() throws Exception {
        server = fx.use(TestServers.dev(Map.of("limits.outboundQueueMax", "64", "limits.ratePerSecond", "100000",
                "limits.rateBurst", "100000")));
        WsClient slow = client();
        String slowId = slow.join("stuck", null).get("peerId").asText();
        WsClient flooder = client();
        flooder.join("stuck", null);
        slow.expect("peer-joined");
        slow.stopReading();

        WsClient x = client();
        String xid = x.join("healthy", null).get("peerId").asText();
        WsClient y = client();
        y.join("healthy", null);
        x.expect("peer-joined");

        String big = "z".repeat(60_000);
        Thread flood = new Thread(() -> {
            for (int i = 0; i < 400 && server.metrics().slowConsumerCloses.count() == 0; i++) {
                flooder.send(msg("data", "to", slowId, "payload", big));
            }
        });
        flood.start();
        // meanwhile the other room relays promptly, message after message
        for (int i = 0; i < 50; i++) {
            long t0 = System.nanoTime();
            y.send(msg("offer", "to", xid, "sdp", "v=0 " + i));
            assertThat(x.expect("offer").get("sdp").asText()).isEqualTo("v=0 " + i);
            assertThat(System.nanoTime() - t0).isLessThan(Duration.ofSeconds(2).toNanos());
        }
        flood.join(30_000);
        await().atMost(Duration.ofSeconds(10)).until(() -> server.metrics().slowConsumerCloses.count() >= 1);
        // the flooder's own session is intact
        flooder.send(msg("ping", "id", "still-here"));
        assertThat(flooder.drain().stream().noneMatch(n -> n.path("type").asText().equals("error"))).isTrue();
    }

    @Test
    void aSlowConsumerIsDroppedByQueuedBytesLongBeforeTheFrameBound() {
        // default bounds: 1024 frames or 1 MiB; 60 KB frames pass 1 MiB at the 18th frame queued
        server = fx.use(TestServers.dev(Map.of("limits.ratePerSecond", "100000", "limits.rateBurst", "100000")));
        assertThat(server.metrics().slowConsumerCloses.count()).isZero();
        WsClient slow = client();
        String slowId = slow.join("bytes", null).get("peerId").asText();
        WsClient sender = client();
        sender.join("bytes", null);
        slow.expect("peer-joined");
        slow.stopReading();
        String big = "z".repeat(60_000);
        // 1000 frames (60 MB) stay under the frame bound even with none written; the kernel's socket
        // buffers take a few MB, the rest waits in the server's queue for a reader that never comes
        for (int i = 0; i < 1000 && server.metrics().slowConsumerCloses.count() == 0; i++) {
            sender.send(msg("data", "to", slowId, "payload", big));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> server.metrics().slowConsumerCloses.count() == 1);
        sender.send(msg("ping", "id", "sender-fine"));
        assertThat(sender.expect("pong").get("ref").asText()).isEqualTo("sender-fine");
    }
}
