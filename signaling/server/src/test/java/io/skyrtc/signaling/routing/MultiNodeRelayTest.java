package io.skyrtc.signaling.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.skyrtc.signaling.SkyrtcServer;
import io.skyrtc.signaling.testing.Api;
import io.skyrtc.signaling.testing.ServerFixture;
import io.skyrtc.signaling.testing.TestServers;
import io.skyrtc.signaling.testing.WsClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Three nodes on one real Redis: one room, six peers spread over the nodes, everything relayed in order. */
class MultiNodeRelayTest {
    static RedisProcess redis;

    @RegisterExtension
    final ServerFixture fixture = new ServerFixture();

    @BeforeAll
    static void redis() throws Exception {
        redis = new RedisProcess();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        redis.close();
    }

    static SkyrtcServer node(ServerFixture fixture, String id, String prefix) {
        return fixture.use(TestServers.dev(Cluster.overrides(redis, id, prefix, 6000)));
    }

    @Test
    void sixPeersOnThreeNodesRelayInOrder() throws Exception {
        List<SkyrtcServer> nodes = List.of(node(fixture, "a", "t1"), node(fixture, "b", "t1"), node(fixture, "c", "t1"));
        await().atMost(Duration.ofSeconds(60)).until(() -> nodes.stream().allMatch(n -> n.routing().redisUp()));
        List<WsClient> peers = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            WsClient c = fixture.client(nodes.get(i % 3));
            JsonNode welcome = c.join("lobby", null);
            assertThat(welcome.path("peers").size()).as("peers seen by joiner %d", i).isEqualTo(i);
            ids.add(welcome.path("peerId").asText());
            peers.add(c);
            for (int j = 0; j < i; j++) {
                assertThat(peers.get(j).expect("peer-joined").path("peer").path("peerId").asText()).isEqualTo(ids.get(i));
            }
        }
        // the room lives on the node where the first peer joined; the others reach it through Redis
        assertThat(nodes.get(0).routing().ownedRooms()).containsExactly("lobby");
        assertThat(nodes.get(1).routing().ownedRooms()).isEmpty();
        JsonNode health = WsClient.JSON.readTree(Api.get(nodes.get(0).baseUri(), "/healthz", null).body());
        assertThat(health.path("multiNode").path("node").asText()).isEqualTo("a");
        assertThat(health.path("multiNode").path("ownedRooms").toString()).isEqualTo("[\"lobby\"]");
        assertThat(health.path("multiNode").path("remotePeers").asInt()).isEqualTo(4);
        health = WsClient.JSON.readTree(Api.get(nodes.get(1).baseUri(), "/healthz", null).body());
        assertThat(health.path("multiNode").path("edgeSessions").asInt()).isEqualTo(2);

        // offer/answer/candidate between peers on different nodes
        peers.get(1).send(WsClient.msg("offer", "to", ids.get(2), "sdp", "v=0 offer"));
        JsonNode offer = peers.get(2).expect("offer");
        assertThat(offer.path("from").asText()).isEqualTo(ids.get(1));
        assertThat(offer.path("sdp").asText()).isEqualTo("v=0 offer");
        peers.get(2).send(WsClient.msg("answer", "to", ids.get(1), "sdp", "v=0 answer"));
        assertThat(peers.get(1).expect("answer").path("from").asText()).isEqualTo(ids.get(2));
        peers.get(1).send(WsClient.msg("candidate", "to", ids.get(2), "candidate", Map.of("candidate", "c1")));
        assertThat(peers.get(2).expect("candidate").path("candidate").path("candidate").asText()).isEqualTo("c1");

        // every peer broadcasts 50 numbered data messages at once; every other peer gets each sender's in order
        Cluster.broadcastAndCheckOrder(peers, ids, 50);

        // admin from any node sees the one room and its six peers, wherever it lives
        for (SkyrtcServer node : nodes) {
            JsonNode list = WsClient.JSON.readTree(Api.get(node.baseUri(), "/v1/admin/rooms", "dev").body());
            assertThat(list.path("rooms").toString()).isEqualTo("[\"lobby\"]");
            JsonNode info = WsClient.JSON.readTree(Api.post(node.baseUri(), "/v1/admin/room-info", "dev",
                    "{\"room\":\"lobby\"}").body());
            assertThat(info.path("peers").size()).as("room-info from a node: %s", info).isEqualTo(6);
        }

        // a leave on a non-owner node reaches everyone
        peers.get(4).send(WsClient.msg("leave"));
        assertThat(peers.get(4).awaitClose()).isEqualTo(1000);
        for (int i : new int[] {0, 1, 2, 3, 5}) {
            JsonNode left = peers.get(i).expect("peer-left");
            assertThat(left.path("peerId").asText()).isEqualTo(ids.get(4));
        }

        // kick, send and close from nodes that do not own the room
        var kick = Api.post(nodes.get(2).baseUri(), "/v1/admin/kick", "dev",
                "{\"room\":\"lobby\",\"peer\":\"" + ids.get(1) + "\",\"reason\":\"cheating\"}");
        assertThat(kick.statusCode()).as(kick.body()).isEqualTo(200);
        assertThat(peers.get(1).expectError("kicked").path("message").asText()).isEqualTo("cheating");
        assertThat(peers.get(1).awaitClose()).isEqualTo(1000);
        var sent = Api.post(nodes.get(1).baseUri(), "/v1/admin/send", "dev",
                "{\"room\":\"lobby\",\"payload\":{\"hello\":1}}");
        assertThat(WsClient.JSON.readTree(sent.body()).path("delivered").asInt()).as(sent.body()).isEqualTo(4);
        for (int i : new int[] {0, 2, 3, 5}) {
            assertThat(peers.get(i).expect("peer-left").path("peerId").asText()).isEqualTo(ids.get(1));
            JsonNode d = peers.get(i).expect("data");
            assertThat(d.path("from").asText()).isEqualTo("server");
        }
        var closed = Api.post(nodes.get(2).baseUri(), "/v1/admin/close-room", "dev", "{\"room\":\"lobby\"}");
        assertThat(WsClient.JSON.readTree(closed.body()).path("removedPeers").asInt()).as(closed.body()).isEqualTo(4);
        var missing = Api.post(nodes.get(1).baseUri(), "/v1/admin/room-info", "dev", "{\"room\":\"nowhere\"}");
        assertThat(missing.statusCode()).isEqualTo(404);
    }
}
