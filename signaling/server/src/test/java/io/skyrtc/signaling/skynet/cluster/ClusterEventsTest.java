package io.skyrtc.signaling.skynet.cluster;

import static io.skyrtc.signaling.testing.WsClient.msg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.skyrtc.signaling.SkyrtcServer;
import io.skyrtc.signaling.testing.ServerFixture;
import io.skyrtc.signaling.testing.TestServers;
import io.skyrtc.signaling.testing.WsClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Room events from real signaling sessions to a cluster node (the reference peer) as
 * cluster.call(node, ".rtc_events", "room_event", ev): hello first, in order, at least once across the
 * node's restarts, to the new address after the cluster config file changes.
 */
class ClusterEventsTest {
    @RegisterExtension
    final ServerFixture fx = new ServerFixture();
    final List<ReferenceNode> nodes = new ArrayList<>();

    @AfterEach
    void stopNodes() throws Exception {
        for (ReferenceNode n : nodes) {
            n.close();
        }
    }

    ReferenceNode node(int port, Map<String, String> env) throws Exception {
        ReferenceNode n = ReferenceNode.serve(port, env);
        nodes.add(n);
        return n;
    }

    SkyrtcServer server(Map<String, String> cluster) {
        Map<String, String> o = new HashMap<>(cluster);
        o.put("actorCore.node", "rtc-1");
        o.put("actorCore.cluster.eventsNode", "game");
        o.put("actorCore.cluster.reconnectMaxMs", "200");
        o.put("rooms.emptyRoomTtlMs", "50");
        return fx.use(TestServers.dev(o));
    }

    /** Joins, data to the server, leaves: room.created, peer.joined, peer.data, peer.left, room.closed. */
    void oneVisit(SkyrtcServer server, String room) {
        WsClient c = fx.client(server);
        c.join(room, null);
        c.send(msg("data", "to", "server", "payload", Map.of("hp", 7, "big", 1L << 60)));
        c.send(msg("leave"));
    }

    @Test
    void helloThenEveryEventInOrderAsLuaTables() throws Exception {
        ReferenceNode game = node(0, Map.of());
        SkyrtcServer server = server(Map.of("actorCore.cluster.nodes", "game=127.0.0.1:" + game.port));
        oneVisit(server, "arena");

        JsonNode hello = game.next(10_000);
        assertThat(hello.get("kind").asText()).isEqualTo("hello");
        assertThat(hello.get("node").asText()).isEqualTo("rtc-1");
        assertThat(hello.get("incarnation").asText()).hasSize(16);
        List<String> names = new ArrayList<>();
        for (long seq = 1; seq <= 5; seq++) {
            JsonNode e = game.next(10_000);
            assertThat(e.get("kind").asText()).isEqualTo("event");
            assertThat(e.get("seq").asLong()).isEqualTo(seq);
            assertThat(e.get("room").asText()).isEqualTo("arena");
            assertThat(e.get("node").asText()).isEqualTo("rtc-1");
            names.add(e.get("type").asText());
            if (e.get("type").asText().equals("peer.data")) {
                assertThat(e.at("/payload/big").asLong()).isEqualTo(1L << 60);  // an exact 64-bit integer
            }
        }
        assertThat(names).containsExactly("room.created", "peer.joined", "peer.data", "peer.left", "room.closed");
        await().atMost(Duration.ofSeconds(5)).until(() -> server.cluster().events().state().ackedSeq() == 5);
    }

    @Test
    void eventsWhileTheNodeIsDownArriveAfterItsRestartWithoutGaps() throws Exception {
        ReferenceNode game = node(0, Map.of());
        int port = game.port;
        SkyrtcServer server = server(Map.of("actorCore.cluster.nodes", "game=127.0.0.1:" + port));
        oneVisit(server, "r1");
        TreeMap<Long, String> seen = new TreeMap<>();
        collect(game, seen, 5);
        game.close();
        oneVisit(server, "r2");
        oneVisit(server, "r3");
        await().atMost(Duration.ofSeconds(5)).until(() -> server.cluster().events().state().lastSeq() == 15);
        assertThat(server.cluster().events().state().ackedSeq()).isLessThan(15);

        ReferenceNode again = node(port, Map.of());
        JsonNode hello = again.next(10_000);
        assertThat(hello.get("kind").asText()).isEqualTo("hello");
        assertThat(hello.get("lastSeq").asLong()).isEqualTo(15);
        collect(again, seen, 15);
        assertThat(seen.keySet()).containsExactlyElementsOf(seqs(15));
        assertThat(seen.get(6L)).isEqualTo("r2:room.created");
        assertThat(seen.get(15L)).isEqualTo("r3:room.closed");
        await().atMost(Duration.ofSeconds(5)).until(() -> server.cluster().events().state().ackedSeq() == 15);
        assertThat(server.cluster().events().state().outboxDepth()).isZero();
    }

    @Test
    void aChangedClusterConfigFileMovesDeliveryWithoutRestart(@TempDir Path dir) throws Exception {
        ReferenceNode first = node(0, Map.of());
        ReferenceNode second = node(0, Map.of());
        Path file = dir.resolve("clustername.lua");
        Files.writeString(file, "__nowaiting = true\ngame = \"127.0.0.1:" + first.port + "\" -- the game node\n");
        SkyrtcServer server = server(Map.of("actorCore.cluster.nodesFile", file.toString(),
                "actorCore.cluster.reloadIntervalMs", "100"));
        oneVisit(server, "r1");
        TreeMap<Long, String> seen = new TreeMap<>();
        collect(first, seen, 5);

        // replaced at once, as deploy tools do: a file truncated mid-write reads as a table without "game"
        Path next = dir.resolve("clustername.lua.new");
        Files.writeString(next, "game = '127.0.0.1:" + second.port + "'\n");
        Files.move(next, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        await().atMost(Duration.ofSeconds(5)).until(() -> server.cluster().state().nodes().get("game")
                .endsWith(":" + second.port));
        oneVisit(server, "r2");
        assertThat(second.next(10_000).get("kind").asText()).isEqualTo("hello");
        collect(second, seen, 10);
        assertThat(seen.keySet()).containsExactlyElementsOf(seqs(10));
        assertThat(first.drain()).noneMatch(n -> n.path("room").asText().equals("r2"));

        Files.writeString(file, "game = 127.0.0.1:1\n");  // not Lua: the old table stays
        Thread.sleep(300);
        assertThat(server.cluster().state().nodes().get("game")).endsWith(":" + second.port);
    }

    @Test
    void anEventTheReceiverRaisesForIsCountedAndNotResent() throws Exception {
        ReferenceNode game = node(0, Map.of("PEER_RAISE_ON", "peer.data"));
        SkyrtcServer server = server(Map.of("actorCore.cluster.nodes", "game=127.0.0.1:" + game.port));
        oneVisit(server, "r1");
        TreeMap<Long, String> seen = new TreeMap<>();
        collect(game, seen, 4);  // peer.data raised instead of printing
        assertThat(seen.values()).doesNotContain("r1:peer.data");
        await().atMost(Duration.ofSeconds(5)).until(() -> server.cluster().events().state().ackedSeq() == 5);
        assertThat(server.cluster().events().state().failed()).isEqualTo(1);
    }

    @Test
    void aMissingReceiverServiceKeepsEveryEventForLater() throws Exception {
        ReferenceNode game = node(0, Map.of());
        SkyrtcServer server = server(Map.of("actorCore.cluster.nodes", "game=127.0.0.1:" + game.port,
                "actorCore.cluster.eventsAddress", ".nothere"));
        oneVisit(server, "r1");
        await().atMost(Duration.ofSeconds(10)).until(() -> server.cluster().events().state().lastSeq() == 5);
        await().atMost(Duration.ofSeconds(5)).until(() -> server.cluster().events().state().restarts() >= 2);
        ClusterEventLink.State s = server.cluster().events().state();
        assertThat(s.ackedSeq()).isZero();
        assertThat(s.outboxDepth()).isEqualTo(5);
        assertThat(s.up()).isFalse();
    }

    /** Reads event lines into {@code seen} (seq → "room:name") until it holds {@code count} events. */
    private static void collect(ReferenceNode node, TreeMap<Long, String> seen, int count) throws Exception {
        while (seen.size() < count) {
            JsonNode n = node.next(10_000);
            if (n.get("kind").asText().equals("event")) {
                String v = n.get("room").asText() + ":" + n.get("type").asText();
                String before = seen.put(n.get("seq").asLong(), v);
                assertThat(before).as("a re-sent event is the same event").isIn(null, v);
            }
        }
    }

    private static List<Long> seqs(long n) {
        List<Long> out = new ArrayList<>();
        for (long i = 1; i <= n; i++) {
            out.add(i);
        }
        return out;
    }
}
