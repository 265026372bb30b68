package io.skyrtc.signaling.routing.redis;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.util.function.Consumer;

/**
 * What differs between one Redis server (or Sentinel's primary) and a Redis Cluster ({@code redis.cluster}):
 * the client, how connections are opened, and which pub/sub commands carry node-to-node messages. Commands
 * are the same: Lettuce's {@link RedisClusterAsyncCommands} is what a plain and a cluster connection share
 * (a cluster connection routes each command to its key's slot and scans every master).
 */
interface RedisTopology extends AutoCloseable {

    /** An open connection and its commands. */
    record Link<K, V>(StatefulConnection<K, V> connection, RedisClusterAsyncCommands<K, V> async) {
        boolean open() {
            return connection.isOpen();
        }
    }

    /** Where Redis is, for messages. */
    String where();

    /**
     * Opens the command connection; throws {@link RedisClusterRefused} when the server is not of the
     * configured kind (a cluster node without {@code redis.cluster}, or the reverse).
     */
    Link<String, String> connectCommands();

    Link<byte[], byte[]> connectPublisher();

    /** Subscribes {@code channel}; every message on it goes to {@code onMessage}, in the order Redis sent them. */
    StatefulRedisPubSubConnection<byte[], byte[]> subscribe(byte[] channel, Consumer<byte[]> onMessage);

    /** PUBLISH, or SPUBLISH on a cluster (the channel's shard only). */
    RedisFuture<Long> publish(RedisClusterAsyncCommands<byte[], byte[]> publisher, byte[] channel, byte[] message);

    /** Whether the subscription still reads the channel where Redis now delivers it (a cluster can move it). */
    boolean subscriptionCurrent(StatefulRedisPubSubConnection<byte[], byte[]> subscriber, byte[] channel);

    @Override
    void close();
}
