package io.skyrtc.signaling.routing.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import java.time.Duration;
import java.util.function.Consumer;

/** One Redis server, or the primary Sentinel names ({@code redis://}, {@code rediss://}, {@code redis-sentinel://}). */
final class SingleRedis implements RedisTopology {
    private final RedisClient client;
    /** On {@code publishing}'s own I/O thread (RedisLink says why). */
    private final RedisClient publishClient;
    private final String where;

    SingleRedis(ClientResources resources, ClientResources publishing, String url, long timeoutMs) {
        RedisURI uri = RedisURI.create(url);
        this.where = uri.getSentinels().isEmpty() ? uri.getHost() + ":" + uri.getPort()
                : "sentinel master " + uri.getSentinelMasterId();
        this.client = client(resources, uri, timeoutMs);
        this.publishClient = client(publishing, uri, timeoutMs);
    }

    private static RedisClient client(ClientResources resources, RedisURI uri, long timeoutMs) {
        RedisClient c = RedisClient.create(resources, uri);
        c.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(Duration.ofMillis(timeoutMs)))
                .build());
        return c;
    }

    @Override
    public String where() {
        return where;
    }

    @Override
    public Link<String, String> connectCommands() {
        StatefulRedisConnection<String, String> c = client.connect(StringCodec.UTF8);
        if (c.sync().info("cluster").contains("cluster_enabled:1")) {
            c.close();
            throw RedisClusterRefused.clusterNodeWithoutClusterMode(where);
        }
        return new Link<>(c, c.async());
    }

    @Override
    public Link<byte[], byte[]> connectPublisher() {
        StatefulRedisConnection<byte[], byte[]> p = publishClient.connect(ByteArrayCodec.INSTANCE);
        return new Link<>(p, p.async());
    }

    @Override
    public StatefulRedisPubSubConnection<byte[], byte[]> subscribe(byte[] channel, Consumer<byte[]> onMessage) {
        StatefulRedisPubSubConnection<byte[], byte[]> s = client.connectPubSub(ByteArrayCodec.INSTANCE);
        s.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(byte[] ch, byte[] message) {
                onMessage.accept(message);
            }
        });
        s.sync().subscribe(channel);  // Lettuce subscribes again by itself after a reconnect
        return s;
    }

    @Override
    public RedisFuture<Long> publish(RedisClusterAsyncCommands<byte[], byte[]> publisher, byte[] channel, byte[] message) {
        return publisher.publish(channel, message);
    }

    @Override
    public boolean subscriptionCurrent(StatefulRedisPubSubConnection<byte[], byte[]> subscriber, byte[] channel) {
        return true;
    }

    @Override
    public void close() {
        publishClient.shutdown(Duration.ZERO, Duration.ofSeconds(1));
        client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
    }
}
