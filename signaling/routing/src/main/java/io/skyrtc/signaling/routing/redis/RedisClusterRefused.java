package io.skyrtc.signaling.routing.redis;

/**
 * {@code redis.url} points at a Redis Cluster node: refused, since the lease scripts use keys of different
 * hash slots and the client follows no cluster redirects (docs/SCALING.md, Configuration).
 */
public final class RedisClusterRefused extends IllegalStateException {
    public RedisClusterRefused(String url) {
        super("redis.url " + url + " is a Redis Cluster node (cluster_enabled:1); Redis Cluster is not supported:"
                + " use one Redis, or a primary with replicas behind Sentinel (redis-sentinel://)");
    }
}
