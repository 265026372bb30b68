package io.skyrtc.signaling.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.skyrtc.signaling.testing.WsClient;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Helpers for multi-node tests: node environments, resuming until welcomed, counting relayed data. */
final class Cluster {
    private Cluster() {}

    /** 2 s (a loaded machine), or less where a short lease needs it (redis.timeoutMs is checked against the lease). */
    static String timeoutMs(long leaseMs) {
        return Long.toString(Math.min(2000, io.skyrtc.signaling.routing.redis.LeaseTiming.maxTimeoutMs(leaseMs)));
    }

    /** The environment of a dev node on {@code redis} (what an operator sets). */
    static Map<String, String> env(RedisProcess redis, String nodeId, String prefix, long leaseMs) {
        return Map.of("SKYRTC_SERVER_DEV", "true", "SKYRTC_SERVER_HOST", "127.0.0.1", "SKYRTC_SERVER_PORT", "0",
                "SKYRTC_REDIS_URL", redis.url(), "SKYRTC_SERVER_NODE_ID", nodeId, "SKYRTC_REDIS_KEY_PREFIX", prefix,
                "SKYRTC_REDIS_LEASE_MS", Long.toString(leaseMs), "SKYRTC_REDIS_TIMEOUT_MS", timeoutMs(leaseMs));
    }

    /** The environment of a dev node on a Redis Cluster ({@code redis.cluster: true}, every master a seed). */
    static Map<String, String> env(RedisClusterProcess cluster, String nodeId, String prefix, long leaseMs) {
        return Map.of("SKYRTC_SERVER_DEV", "true",
                "SKYRTC_SERVER_HOST", "127.0.0.1", "SKYRTC_SERVER_PORT", "0", "SKYRTC_REDIS_URL", cluster.url(),
                "SKYRTC_REDIS_CLUSTER", "true", "SKYRTC_SERVER_NODE_ID", nodeId, "SKYRTC_REDIS_KEY_PREFIX", prefix,
                "SKYRTC_REDIS_LEASE_MS", Long.toString(leaseMs), "SKYRTC_REDIS_TIMEOUT_MS", timeoutMs(leaseMs));
    }

    static Map<String, String> overrides(RedisClusterProcess cluster, String nodeId, String prefix, long leaseMs) {
        return Map.of("server.dev", "true", "redis.url", cluster.url(), "redis.cluster", "true", "server.nodeId", nodeId,
                "redis.keyPrefix", prefix, "redis.leaseMs", Long.toString(leaseMs), "redis.timeoutMs", timeoutMs(leaseMs));
    }

    static Map<String, String> overrides(RedisProcess redis, String nodeId, String prefix, long leaseMs) {
        return Map.of("server.dev", "true", "redis.url", redis.url(), "server.nodeId", nodeId,
                "redis.keyPrefix", prefix, "redis.leaseMs", Long.toString(leaseMs), "redis.timeoutMs", timeoutMs(leaseMs));
    }

    /**
     * Resumes a peer whose socket died on a new connection to {@code base}, as the SDK does: again after
     * {@code unavailable} or a dropped socket, until welcomed or {@code deadlineMs} passed. Returns the
     * welcome and the connection (the caller closes it).
     */
    static Resumed resume(URI base, String room, String token, long received, long deadlineMs) throws Exception {
        long end = System.currentTimeMillis() + deadlineMs;
        while (System.currentTimeMillis() < end) {
            WsClient c;
            try {
                c = WsClient.connect(base);
            } catch (RuntimeException e) {
                Thread.sleep(100);
                continue;
            }
            c.send(WsClient.msg("join", "room", room, "resume", token, "received", received));
            while (System.currentTimeMillis() < end) {
                JsonNode n = c.poll(200);
                if (n == null) {
                    if (c.isClosed()) {
                        break;
                    }
                    continue;
                }
                if (n.path("type").asText().equals("welcome")) {
                    return new Resumed(c, n);
                }
                assertThat(n.path("code").asText()).as("resume answered %s", n).isEqualTo("unavailable");
                break;
            }
            c.close();
            Thread.sleep(100);
        }
        throw new AssertionError("not resumed within " + deadlineMs + " ms");
    }

    record Resumed(WsClient client, JsonNode welcome) {}

    /** The data payloads {@code c} has received so far (skipping everything else). */
    static List<JsonNode> data(WsClient c, List<JsonNode> into) {
        for (JsonNode n : c.drain()) {
            if (n.path("type").asText().equals("data")) {
                into.add(n.path("payload"));
            }
        }
        return into;
    }

    /**
     * Every peer broadcasts {@code n} numbered data messages at once; asserts every other peer gets each
     * sender's in order, from every other peer.
     */
    static void broadcastAndCheckOrder(List<WsClient> peers, List<String> ids, int n) {
        for (int k = 0; k < n; k++) {
            for (WsClient p : peers) {
                p.send(WsClient.msg("data", "payload", Map.of("k", k)));
            }
        }
        for (int i = 0; i < peers.size(); i++) {
            Map<String, Integer> next = new java.util.HashMap<>();
            for (int got = 0; got < (peers.size() - 1) * n; got++) {
                JsonNode d = peers.get(i).expect("data");
                String from = d.path("from").asText();
                int expected = next.getOrDefault(from, 0);
                assertThat(d.path("payload").path("k").asInt()).as("peer %d from %s", i, from).isEqualTo(expected);
                next.put(from, expected + 1);
            }
            java.util.Set<String> senders = new java.util.HashSet<>(ids);
            senders.remove(ids.get(i));
            assertThat(next.keySet()).isEqualTo(senders);
        }
    }

    static List<JsonNode> newList() {
        return new ArrayList<>();
    }
}
