package io.skyrtc.signaling.skynet.cluster;

import static io.skyrtc.signaling.testing.WsClient.msg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.skyrtc.signaling.SkyrtcServer;
import io.skyrtc.signaling.testing.ServerFixture;
import io.skyrtc.signaling.testing.TestServers;
import io.skyrtc.signaling.testing.WsClient;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Batches on the cluster event path (one call carries the events that are ready, when the receiver's
 * hello answer says it takes them) and the drain on shutdown (issue 19, defect 9), against the
 * reference peer.
 */
class ClusterBatchTest {
    @RegisterExtension
    final ServerFixture fx = new ServerFixture();
    final List<ReferenceNode> nodes = new ArrayList<>();

    @AfterEach
    void stopNodes() throws Exception {
        for (ReferenceNode n : nodes) {
            n.close();
        }
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    SkyrtcServer server(int port, Map<String, String> more) {
        Map<String, String> o = new HashMap<>(more);
        o.put("actorCore.node", "rtc-1");
        o.put("actorCore.cluster.eventsNode", "game");
        o.put("actorCore.cluster.nodes", "game=127.0.0.1:" + port);
        o.put("actorCore.cluster.reconnectMinMs", "20");
        o.put("actorCore.cluster.reconnectMaxMs", "100");
        return TestServers.dev(o);
    }

    /** Three peers join, send data, leave: 3 x (room.created, peer.joined, peer.data, peer.left). */
    void visits(SkyrtcServer s) {
        for (int i = 0; i < 3; i++) {
            WsClient c = fx.client(s);
            c.join("b" + i, null);
            c.send(msg("data", "to", "server", "payload", Map.of("i", i)));
            c.send(msg("leave"));
        }
    }

    List<JsonNode> events(ReferenceNode node, int n) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        while (out.size() < n) {
            JsonNode line = node.next(10_000);
            if (line.get("kind").asText().equals("event")) {
                out.add(line);
            }
        }
        return out;
    }

    @Test
    void eventsThatAreReadyGoInOneCallWhenTheReceiverTakesBatches() throws Exception {
        int port = freePort();
        SkyrtcServer s = fx.use(server(port, Map.of("rooms.emptyRoomTtlMs", "600000")));
        visits(s);  // the node is not up yet: 12 events wait in the outbox
        await().atMost(Duration.ofSeconds(10)).until(() -> s.cluster().events().state().lastSeq() == 12);
        ReferenceNode game = ReferenceNode.serve(port, Map.of("PEER_BATCH", "1"));
        nodes.add(game);
        List<JsonNode> ev = events(game, 12);
        assertThat(ev).extracting(e -> e.get("seq").asLong())
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L);
        assertThat(ev).allSatisfy(e -> assertThat(e.get("batch").asInt()).isEqualTo(12));  // one call
        await().until(() -> s.cluster().events().state().ackedSeq() == 12);
        assertThat(s.cluster().events().state().batches()).isTrue();
        assertThat(s.cluster().events().state().calls()).isEqualTo(1);
    }

    @Test
    void aReceiverThatDoesNotSayBatchGetsOneCallPerEvent() throws Exception {
        int port = freePort();
        SkyrtcServer s = fx.use(server(port, Map.of("rooms.emptyRoomTtlMs", "600000")));
        visits(s);
        await().atMost(Duration.ofSeconds(10)).until(() -> s.cluster().events().state().lastSeq() == 12);
        ReferenceNode game = ReferenceNode.serve(port, Map.of());
        nodes.add(game);
        List<JsonNode> ev = events(game, 12);
        assertThat(ev).extracting(e -> e.get("seq").asLong()).isSorted().doesNotHaveDuplicates().hasSize(12);
        assertThat(ev).allSatisfy(e -> assertThat(e.has("batch")).isFalse());
        await().until(() -> s.cluster().events().state().ackedSeq() == 12);
        assertThat(s.cluster().events().state().calls()).isEqualTo(12);
    }

    @Test
    void shutdownDrainsUnacknowledgedEventsBeforeStopping() throws Exception {
        ReferenceNode game = ReferenceNode.serve(0, Map.of("PEER_BATCH", "1"));
        nodes.add(game);
        SkyrtcServer s = server(game.port, Map.of("actorCore.drainTimeoutMs", "10000"));
        for (int i = 0; i < 3; i++) {
            fx.client(s).join("d" + i, null);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> s.cluster().events().state().ackedSeq() == 6);
        s.close();  // peers leave (shutdown), rooms close (shutdown): 6 more events, all delivered
        assertThat(s.cluster().events().state().ackedSeq()).isEqualTo(12);
        assertThat(s.cluster().events().state().undelivered()).isZero();
        List<JsonNode> ev = events(game, 12);
        assertThat(ev.subList(6, 12)).extracting(e -> e.get("reason").asText()).containsOnly("shutdown");
    }

    @Test
    void whatCannotBeDeliveredWithinTheDrainTimeoutIsCountedAndTheStopIsBounded() throws Exception {
        SkyrtcServer s = server(freePort(), Map.of("actorCore.drainTimeoutMs", "300"));  // no node there
        fx.client(s).join("lost", null);
        await().atMost(Duration.ofSeconds(10)).until(() -> s.cluster().events().state().lastSeq() == 2);
        long t0 = System.nanoTime();
        s.close();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        // room.created, peer.joined, then peer.left + room.closed (shutdown): 4 never acknowledged
        assertThat(s.cluster().events().state().undelivered()).isEqualTo(4);
        assertThat(ms).isGreaterThanOrEqualTo(300).isLessThan(10_000);
    }
}
