package io.skyrtc.signaling.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.skyrtc.signaling.SkyrtcServer;
import io.skyrtc.signaling.testing.Api;
import io.skyrtc.signaling.testing.ServerFixture;
import io.skyrtc.signaling.testing.TestGate;
import io.skyrtc.signaling.testing.TestServers;
import io.skyrtc.signaling.testing.WsClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two nodes on one real Redis, a room owned by node a: what is asked of node b about it (admin
 * {@code events}, and the actor-core commands arriving on b's gate link) is run on the owner.
 */
class ClusterWideCommandsTest {
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

    SkyrtcServer node(String id, String prefix, Map<String, String> more) {
        Map<String, String> o = new HashMap<>(Cluster.overrides(redis, id, prefix, 6000));
        o.putAll(more);
        return fixture.use(TestServers.dev(o));
    }

    @Test
    void adminEventsOfARoomOwnedByAnotherNode() throws Exception {
        SkyrtcServer a = node("a", "ev", Map.of());
        SkyrtcServer b = node("b", "ev", Map.of());
        await().atMost(Duration.ofSeconds(60)).until(() -> a.routing().redisUp() && b.routing().redisUp());
        String onA = fixture.client(a).join("arena", null).path("peerId").asText();
        String onB = fixture.client(b).join("arena", null).path("peerId").asText();
        assertThat(a.routing().ownedRooms()).containsExactly("arena");
        assertThat(b.routing().ownedRooms()).isEmpty();

        for (SkyrtcServer node : List.of(a, b)) {
            var reply = Api.post(node.baseUri(), "/v1/admin/events", "dev", "{\"room\":\"arena\"}");
            assertThat(reply.statusCode()).as("events from %s: %s", node.routing().nodeId(), reply.body())
                    .isEqualTo(200);
            JsonNode events = WsClient.JSON.readTree(reply.body());
            assertThat(events.path("room").asText()).isEqualTo("arena");
            List<String> joins = new ArrayList<>();
            for (JsonNode e : events.path("events")) {
                if (e.path("event").asText().equals("join")) {
                    joins.add(e.path("peer").asText());
                }
            }
            assertThat(joins).as("the owner's journal, asked from %s", node.routing().nodeId())
                    .containsExactly(onA, onB);
            assertThat(events.path("events").get(0).path("event").asText()).isEqualTo("room-created");
        }
        var missing = Api.post(b.baseUri(), "/v1/admin/events", "dev", "{\"room\":\"nowhere\"}");
        assertThat(missing.statusCode()).as(missing.body()).isEqualTo(404);
    }

    @Test
    void actorCoreCommandsOnTheGateOfANodeThatDoesNotOwnTheRoom() throws Exception {
        try (TestGate gate = TestGate.start()) {
            SkyrtcServer a = node("a", "gate", Map.of());
            SkyrtcServer b = node("b", "gate", Map.of("actorCore.node", "rtc-b", "actorCore.nodeId", "2",
                    "actorCore.gates", "[{\"name\":\"game\",\"host\":\"127.0.0.1\",\"port\":" + gate.port()
                            + ",\"reconnectMinMs\":20,\"reconnectMaxMs\":200,\"encoding\":\"json\"}]"));
            await().atMost(Duration.ofSeconds(60)).until(() -> a.routing().redisUp() && b.routing().redisUp());
            await().atMost(Duration.ofSeconds(10)).until(gate::connected);
            WsClient alice = fixture.client(a);
            String aliceId = alice.join("arena", null).path("peerId").asText();
            WsClient bob = fixture.client(b);
            String bobId = bob.join("arena", null).path("peerId").asText();
            alice.expect("peer-joined");
            assertThat(a.routing().ownedRooms()).containsExactly("arena");
            assertThat(b.routing().ownedRooms()).isEmpty();

            JsonNode sent = gate.call("send", "{\"id\":1,\"room\":\"arena\",\"to\":\"" + aliceId
                    + "\",\"payload\":{\"hp\":7}}");
            assertThat(sent.path("ok").asBoolean()).as(sent.toString()).isTrue();
            assertThat(sent.path("result").path("delivered").asInt()).as(sent.toString()).isEqualTo(1);
            JsonNode data = alice.expect("data");
            assertThat(data.path("from").asText()).isEqualTo("server");
            assertThat(data.path("payload").path("hp").asInt()).isEqualTo(7);

            JsonNode info = gate.call("room-info", "{\"id\":2,\"room\":\"arena\"}");
            assertThat(info.path("ok").asBoolean()).as(info.toString()).isTrue();
            List<String> peers = new ArrayList<>();
            info.path("result").path("peers").forEach(p -> peers.add(p.path("peerId").asText()));
            assertThat(peers).as(info.toString()).containsExactlyInAnyOrder(aliceId, bobId);
            JsonNode list = gate.call("list-rooms", "{\"id\":3}");
            assertThat(list.path("result").path("rooms").toString()).isEqualTo("[\"arena\"]");

            JsonNode kicked = gate.call("kick", "{\"id\":4,\"room\":\"arena\",\"peer\":\"" + aliceId
                    + "\",\"reason\":\"cheating\"}");
            assertThat(kicked.path("ok").asBoolean()).as(kicked.toString()).isTrue();
            assertThat(alice.expectError("kicked").path("message").asText()).isEqualTo("cheating");
            assertThat(bob.expect("peer-left").path("peerId").asText()).isEqualTo(aliceId);

            JsonNode closed = gate.call("close-room", "{\"id\":5,\"room\":\"arena\"}");
            assertThat(closed.path("ok").asBoolean()).as(closed.toString()).isTrue();
            assertThat(closed.path("result").path("removedPeers").asInt()).isEqualTo(1);
            bob.expectError("kicked");
            assertThat(bob.awaitClose()).isEqualTo(1000);

            JsonNode gone = gate.call("room-info", "{\"id\":6,\"room\":\"arena\"}");
            assertThat(gone.path("ok").asBoolean()).isFalse();
            assertThat(gone.path("error").path("code").asText()).isEqualTo("not-found");
        }
    }
}
