package io.skyrtc.signaling.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.skyrtc.signaling.SkyrtcServer;
import io.skyrtc.signaling.routing.RedisProcess;
import io.skyrtc.signaling.testing.PrometheusText;
import io.skyrtc.signaling.testing.ServerFixture;
import io.skyrtc.signaling.testing.TestServers;
import io.skyrtc.signaling.testing.WsClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The metrics of nodes on one Redis (real redis-server): each node's series carry its own {@code node} tag; a
 * moved room's close (1012) and a join refused for want of Redis ({@code unavailable}) are counted as such.
 */
class MultiNodeMetricsTest {
    @RegisterExtension
    final ServerFixture fx = new ServerFixture();

    static Map<String, String> node(RedisProcess redis, String prefix, String nodeId) {
        Map<String, String> o = new HashMap<>(Map.of("redis.url", redis.url(), "redis.keyPrefix", prefix,
                "redis.leaseMs", "3000", "redis.timeoutMs", "2000"));
        if (nodeId != null) {
            o.put("server.nodeId", nodeId);
        }
        return o;  // actorCore.node left at its default on every node
    }

    @Test
    void nodesAtTheDefaultActorCoreNameExportDistinctNodeTags() throws Exception {
        try (RedisProcess redis = new RedisProcess()) {
            SkyrtcServer a = fx.use(TestServers.dev(node(redis, "tags", "a")));
            SkyrtcServer b = fx.use(TestServers.dev(node(redis, "tags", null)));  // id generated at start
            SkyrtcServer single = fx.use(TestServers.dev(Map.of()));

            assertThat(nodeTags(a)).containsExactly("a");
            String generated = b.routing().nodeId();
            assertThat(generated).startsWith("n-");
            assertThat(nodeTags(b)).containsExactly(generated);
            // a single node keeps actorCore.node (default skyrtc)
            assertThat(nodeTags(single)).containsExactly("skyrtc");
            await().atMost(Duration.ofSeconds(60)).until(() -> a.routing().redisUp() && b.routing().redisUp());
            PrometheusText scrape = PrometheusText.parse(a.scrapeMetrics());
            assertThat(scrape.value("skyrtc_routing_redis_up", "node", "a")).isEqualTo(1);
            assertThat(MetricsDocs.undocumented(scrape)).as("families missing from docs/OPERATIONS.md").isEmpty();
        }
    }

    @Test
    void aMovedRoomsCloseHasItsCodeAndAJoinTheClusterCannotRouteIsCountedAsUnavailable() throws Exception {
        try (RedisProcess redis = new RedisProcess()) {
            SkyrtcServer a = fx.use(TestServers.dev(node(redis, "moves", "a")));
            await().atMost(Duration.ofSeconds(60)).until(() -> a.routing().redisUp());
            WsClient peer = fx.client(a);
            peer.join("match", null);

            // another node's lease appears on the key: a's next renewal loses the room, its peer gets 1012
            redis("127.0.0.1", redis.port, "SET moves:room:{match}:owner z|999 PX 60000");
            assertThat(peer.awaitClose()).isEqualTo(1012);
            PrometheusText moved = await().atMost(Duration.ofSeconds(10)).until(() -> PrometheusText.parse(a.scrapeMetrics()),
                    p -> p.value("skyrtc_ws_closes_total", "code", "1012") == 1);
            assertThat(moved.value("skyrtc_ws_closes_total", "code", "other")).isZero();
            // the moved room's peer was told unavailable, but it was not joining
            assertThat(moved.value("skyrtc_errors_total", "code", "unavailable")).isEqualTo(1);
            assertThat(moved.value("skyrtc_joins_total", "outcome", "unavailable")).isZero();

            redis.stop();
            await().atMost(Duration.ofSeconds(10)).until(() -> !a.routing().redisUp());
            WsClient late = fx.client(a);
            late.send(WsClient.msg("join", "room", "brand-new", "name", "late"));
            late.expectError("unavailable");
            PrometheusText refused = PrometheusText.parse(a.scrapeMetrics());
            assertThat(refused.value("skyrtc_joins_total", "outcome", "unavailable")).isEqualTo(1);
            assertThat(refused.value("skyrtc_errors_total", "code", "unavailable")).isEqualTo(2);

            // a resume the cluster cannot route is told so once: no resume-invalid after the unavailable
            WsClient resumer = fx.client(a);
            resumer.send(WsClient.msg("join", "room", "elsewhere", "resume", "rt_unknown"));
            resumer.expectError("unavailable");
            resumer.expectSilence(1_000);
        }
    }

    /** One inline Redis command (arguments without spaces); fails unless Redis answers +OK. */
    static void redis(String host, int port, String command) throws Exception {
        try (java.net.Socket s = new java.net.Socket(host, port)) {
            s.getOutputStream().write((command + "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            byte[] answer = new byte[3];
            assertThat(s.getInputStream().readNBytes(answer, 0, 3)).isEqualTo(3);
            assertThat(new String(answer, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("+OK");
        }
    }

    /** The {@code node} label values over every sample of the node's scrape. */
    static Set<String> nodeTags(SkyrtcServer s) {
        Set<String> tags = new TreeSet<>();
        for (PrometheusText.Sample sample : PrometheusText.parse(s.scrapeMetrics()).samples) {
            tags.add(String.valueOf(sample.labels().get("node")));
        }
        return tags;
    }
}
