package io.skyrtc.signaling.skynet.cluster;

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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Outbox overflow on the cluster event path counts like the gate's: an event sent on a connection that
 * was lost before it was answered will be sent again, so evicting it before that is {@code dropped} (a
 * seq gap at the receiver), not {@code evictedUnacked} (which would promise that it arrived).
 */
class ClusterOverflowTest {
    @RegisterExtension
    final ServerFixture fx = new ServerFixture();

    /** One visit: room.created, peer.joined, peer.data, peer.left (the room stays open). */
    void visit(SkyrtcServer s, String room) {
        WsClient c = fx.client(s);
        c.join(room, null);
        c.send(msg("data", "to", "server", "payload", Map.of("i", 1)));
        c.send(msg("leave"));
    }

    @Test
    void eventsEvictedAfterTheirConnectionWasLostCountAsDropped() throws Exception {
        // a node that answers hello and never answers an event: the events stay unacknowledged
        AtomicInteger eventCalls = new AtomicInteger();
        ClusterServices services = new ClusterServices();
        services.register("rtc_cluster", args -> {
            if ("hello".equals(args.get(0))) {
                return CompletableFuture.completedFuture(List.of(true));
            }
            eventCalls.incrementAndGet();
            return new CompletableFuture<>();
        });
        ClusterServer node = new ClusterServer("127.0.0.1", 0, services, 1 << 20, 8).start();
        SkyrtcServer s;
        try {
            s = fx.use(TestServers.dev(Map.of("actorCore.node", "rtc-1",
                    "actorCore.cluster.eventsNode", "game",
                    "actorCore.cluster.nodes", "game=127.0.0.1:" + node.port(),
                    "actorCore.cluster.outboxMax", "4",
                    "actorCore.cluster.reconnectMinMs", "60000",
                    "actorCore.cluster.reconnectMaxMs", "60000",
                    "actorCore.drainTimeoutMs", "100",
                    "rooms.emptyRoomTtlMs", "600000")));
            visit(s, "a");
            await().atMost(Duration.ofSeconds(10)).until(() -> eventCalls.get() == 4);  // sent, not answered
        } finally {
            node.close();  // the connection is lost with seq 1..4 unanswered
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> !s.cluster().events().state().up());

        visit(s, "b");  // 4 more events while the node is down: seq 1..4 are evicted, never to be sent again
        await().atMost(Duration.ofSeconds(10)).until(() -> s.cluster().events().state().lastSeq() == 8);
        ClusterEventLink.State st = s.cluster().events().state();
        assertThat(st.dropped()).isEqualTo(4);
        assertThat(st.evictedUnacked()).isZero();
        assertThat(st.outboxDepth()).isEqualTo(4);
    }
}
