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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Redis stopped for 10 s (and restarted empty): a room whose peers are all on one node keeps relaying,
 * joins that need Redis get {@code unavailable}, {@code /readyz} says {@code redis: down}; afterwards a
 * cross-node room works again with what was sent meanwhile delivered, and no peer is left over.
 */
class RedisOutageTest {
    @RegisterExtension
    final ServerFixture fixture = new ServerFixture();

    @Test
    void localRoomsSurviveAnOutageAndTheClusterRecoversWithoutPhantoms() throws Exception {
        try (RedisProcess redis = new RedisProcess()) {
            SkyrtcServer a = fixture.use(TestServers.dev(Cluster.overrides(redis, "a", "out", 3000)));
            SkyrtcServer b = fixture.use(TestServers.dev(Cluster.overrides(redis, "b", "out", 3000)));
            await().atMost(Duration.ofSeconds(60)).until(() -> a.routing().redisUp() && b.routing().redisUp());

            WsClient s1 = fixture.client(a);
            s1.join("solo", null);
            WsClient s2 = fixture.client(a);
            String s2Id = s2.join("solo", null).path("peerId").asText();
            s1.expect("peer-joined");
            WsClient x1 = fixture.client(a);
            String x1Id = x1.join("cross", null).path("peerId").asText();
            WsClient x2 = fixture.client(b);
            String x2Id = x2.join("cross", null).path("peerId").asText();
            x1.expect("peer-joined");

            redis.stop();
            long stoppedAt = System.nanoTime();
            await().atMost(Duration.ofSeconds(10)).until(() -> !a.routing().redisUp() && !b.routing().redisUp());
            JsonNode ready = WsClient.JSON.readTree(Api.get(a.baseUri(), "/readyz", null).body());
            assertThat(ready.path("redis").asText()).isEqualTo("down");

            // joins that need Redis are refused, retryably
            WsClient late = fixture.client(b);
            late.send(WsClient.msg("join", "room", "cross", "name", "late"));
            late.expectError("unavailable");
            WsClient fresh = fixture.client(b);
            fresh.send(WsClient.msg("join", "room", "brand-new", "name", "fresh"));
            fresh.expectError("unavailable");
            // a room this node owns takes joins without Redis
            WsClient s3 = fixture.client(a);
            s3.join("solo", null);
            s2.expect("peer-joined");

            // the canary relays, in order, for the whole outage; cross-node messages wait
            int k = 0;
            while (System.nanoTime() - stoppedAt < TimeUnit.SECONDS.toNanos(10)) {
                s1.send(WsClient.msg("data", "to", s2Id, "payload", Map.of("k", k)));
                JsonNode d = s2.expect("data");
                assertThat(d.path("payload").path("k").asInt()).isEqualTo(k);
                if (k < 5) {
                    x1.send(WsClient.msg("data", "to", x2Id, "payload", Map.of("k", k)));
                    x2.send(WsClient.msg("data", "to", x1Id, "payload", Map.of("k", k)));
                }
                k++;
                Thread.sleep(50);
            }
            assertThat(k).isGreaterThan(20);

            redis.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> a.routing().redisUp() && b.routing().redisUp());
            // what crossed nodes during the outage arrives after it, in order, once
            assertThat(dataNumbers(x2, 5)).containsExactly(0, 1, 2, 3, 4);
            assertThat(dataNumbers(x1, 5)).containsExactly(0, 1, 2, 3, 4);
            // and new cross-node joins work again, seeing exactly the live peers
            WsClient x3 = fixture.client(b);
            JsonNode welcome = joinRetrying(x3, "cross");
            List<String> seen = new ArrayList<>();
            welcome.path("peers").forEach(p -> seen.add(p.path("peerId").asText()));
            assertThat(seen).containsExactlyInAnyOrder(x1Id, x2Id);
            x2.send(WsClient.msg("leave"));
            x2.awaitClose();
            await().atMost(Duration.ofSeconds(10)).until(() -> redisCli(redis, "HLEN", "out:room:{cross}:members").equals("2"));
            assertThat(a.rooms().snapshot("cross").get(5, TimeUnit.SECONDS).peers()).hasSize(2);
        }
    }

    /** Joins, again while the cluster answers {@code unavailable} (the lease period after Redis came back). */
    static JsonNode joinRetrying(WsClient c, String room) throws Exception {
        for (int i = 0; i < 40; i++) {
            c.send(WsClient.msg("join", "room", room, "name", "n"));
            JsonNode n = c.next();
            if (n.path("type").asText().equals("welcome")) {
                return n;
            }
            assertThat(n.path("code").asText()).isEqualTo("unavailable");
            Thread.sleep(250);
        }
        throw new AssertionError("no welcome");
    }

    static List<Integer> dataNumbers(WsClient c, int count) throws Exception {
        List<Integer> out = new ArrayList<>();
        long end = System.currentTimeMillis() + 15_000;
        while (out.size() < count && System.currentTimeMillis() < end) {
            JsonNode n = c.poll(200);
            if (n != null && n.path("type").asText().equals("data")) {
                out.add(n.path("payload").path("k").asInt());
            }
        }
        Thread.sleep(300);
        for (JsonNode n : c.drain()) {
            if (n.path("type").asText().equals("data")) {
                out.add(n.path("payload").path("k").asInt());
            }
        }
        return out;
    }

    static String redisCli(RedisProcess redis, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("redis-cli", "-p", Integer.toString(redis.port)));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        p.waitFor(10, TimeUnit.SECONDS);
        return out;
    }
}
