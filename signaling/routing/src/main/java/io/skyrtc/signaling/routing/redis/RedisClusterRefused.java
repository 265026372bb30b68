package io.skyrtc.signaling.routing.redis;

/**
 * {@code redis.cluster} does not match the server {@code redis.url} names: a Redis Cluster node used as one
 * Redis (its keys would be spread over masters the plain client cannot reach), or a plain Redis used as a
 * cluster. A configuration error: the node does not start (docs/SCALING.md, Redis Cluster).
 */
public final class RedisClusterRefused extends IllegalStateException {
    private RedisClusterRefused(String message) {
        super(message);
    }

    static RedisClusterRefused clusterNodeWithoutClusterMode(String where) {
        return new RedisClusterRefused("redis.url " + where + " is a Redis Cluster node (cluster_enabled:1):"
                + " set redis.cluster: true (SKYRTC_REDIS_CLUSTER=true), with its nodes as seeds"
                + " (redis://host1:port1,host2:port2)");
    }

    static RedisClusterRefused clusterModeWithoutCluster(String where) {
        return new RedisClusterRefused("redis.cluster is true but redis.url " + where + " is not a Redis Cluster"
                + " (cluster support disabled): set redis.cluster: false for one Redis, or Sentinel (redis-sentinel://)");
    }
}
