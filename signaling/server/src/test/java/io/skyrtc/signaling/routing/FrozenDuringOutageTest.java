package io.skyrtc.signaling.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.skyrtc.signaling.testing.Api;
import io.skyrtc.signaling.testing.ServerFixture;
import io.skyrtc.signaling.testing.WsClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Paused vs. Redis down (docs/SCALING.md, "Leases and fencing"): during a Redis outage a room whose peers
 * are all on its node keeps relaying; but a node frozen (SIGSTOP) past its lease during that outage cannot
 * know whether another node took its rooms, so they hold what their peers send until Redis answers a
 * renewal, then relay it, in order.
 */
class FrozenDuringOutageTest {
    static final long LEASE_MS = 3000;

    @RegisterExtension
    final ServerFixture fixture = new ServerFixture();

    @Test
    void aNodeFrozenDuringAnOutageHoldsItsRoomsUntilRedisAnswers() throws Exception {
        try (RedisProcess redis = new RedisProcess();
             NodeProcess a = new NodeProcess(Cluster.env(redis, "a", "frz", LEASE_MS))) {
            WsClient a1 = fixture.track(WsClient.connect(a.base));
            a1.join("solo", null);
            WsClient a2 = fixture.track(WsClient.connect(a.base));
            String a2Id = a2.join("solo", null).path("peerId").asText();
            a1.drain();

            redis.stop();
            await().atMost(Duration.ofSeconds(15)).until(() -> WsClient.JSON.readTree(
                    Api.get(a.base, "/readyz", null).body()).path("redis").asText().equals("down"));
            Thread.sleep(LEASE_MS);  // well into the outage: the lease could not be renewed for a whole lease
            a1.send(WsClient.msg("data", "to", a2Id, "payload", Map.of("k", 0)));
            assertThat(a2.expect("data").path("payload").path("k").asInt()).as("an outage alone: the room works")
                    .isZero();

            a.signal("STOP");
            Thread.sleep(LEASE_MS + 1500);
            a.signal("CONT");
            for (int k = 1; k <= 3; k++) {
                a1.send(WsClient.msg("data", "id", "m" + k, "to", a2Id, "payload", Map.of("k", k)));
            }
            List<JsonNode> early = new ArrayList<>();
            long end = System.currentTimeMillis() + 2500;
            while (System.currentTimeMillis() < end) {
                JsonNode n = a2.poll(100);
                if (n != null) {
                    early.add(n);
                }
            }
            assertThat(early).as("frozen past its lease with Redis still down: the room holds")
                    .noneMatch(n -> n.path("type").asText().equals("data"));
            assertThat(a.log()).anyMatch(l -> l.contains("the routing timer did not run for"));
            assertThat(leasesConfirmed(a)).as("/healthz says the node's rooms hold").isFalse();

            redis.start();  // empty: the renewal takes the lease again with the same value
            List<Integer> got = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 20_000;
            while (got.size() < 3 && System.currentTimeMillis() < deadline) {
                JsonNode n = a2.poll(200);
                if (n != null && n.path("type").asText().equals("data")) {
                    got.add(n.path("payload").path("k").asInt());
                }
            }
            assertThat(got).as("relayed once Redis answered, in order").containsExactly(1, 2, 3);
            assertThat(leasesConfirmed(a)).isTrue();
            assertThat(a1.drain()).as("nothing refused").noneMatch(n -> n.path("type").asText().equals("error"));
            a1.send(WsClient.msg("data", "to", a2Id, "payload", Map.of("k", 4)));
            assertThat(a2.expect("data").path("payload").path("k").asInt()).isEqualTo(4);
        }
    }

    static boolean leasesConfirmed(NodeProcess node) throws Exception {
        JsonNode health = WsClient.JSON.readTree(Api.get(node.base, "/healthz", null).body());
        assertThat(health.path("multiNode").has("leasesConfirmed")).as(health.toString()).isTrue();
        return health.path("multiNode").path("leasesConfirmed").asBoolean();
    }
}
