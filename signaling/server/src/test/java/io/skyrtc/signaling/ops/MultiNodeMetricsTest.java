package io.skyrtc.signaling.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.skyrtc.signaling.SkyrtcServer;
import io.skyrtc.signaling.routing.RedisProcess;
import io.skyrtc.signaling.testing.PrometheusText;
import io.skyrtc.signaling.testing.ServerFixture;
import io.skyrtc.signaling.testing.TestServers;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The metrics of nodes on one Redis (real redis-server): each node's series carry its own {@code node} tag. */
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
            assertThat(PrometheusText.parse(a.scrapeMetrics()).value("skyrtc_routing_redis_up", "node", "a"))
                    .isEqualTo(1);
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
