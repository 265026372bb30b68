package io.skyrtc.signaling.routing.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The node's three Redis connections (Lettuce): commands, publishing, and its own channel. Commands
 * are refused at once while a connection is down (never queued: a join then gets {@code unavailable}
 * instead of waiting), and Lettuce reconnects every 0.1-1 s, re-subscribing the channel by itself.
 */
final class RedisLink implements AutoCloseable {
    private final RedisClient client;
    private final ClientResources resources;
    private final long timeoutMs;
    private final String where;
    private volatile StatefulRedisConnection<String, String> commands;
    private volatile StatefulRedisConnection<byte[], byte[]> publisher;
    private volatile StatefulRedisPubSubConnection<byte[], byte[]> subscriber;

    RedisLink(String url, long timeoutMs) {
        this.timeoutMs = timeoutMs;
        RedisURI uri = RedisURI.create(url);
        this.where = uri.getSentinels().isEmpty() ? uri.getHost() + ":" + uri.getPort()
                : "sentinel master " + uri.getSentinelMasterId();
        this.resources = ClientResources.builder()
                .ioThreadPoolSize(2).computationThreadPoolSize(2)
                .reconnectDelay(Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(Duration.ofMillis(timeoutMs)))
                .build());
    }

    /**
     * Connects (throws while Redis cannot be reached; call again later) and subscribes {@code channel}.
     * Throws {@link RedisClusterRefused} when the server is a Redis Cluster node.
     */
    synchronized void connect(byte[] channel, Consumer<byte[]> onMessage) {
        if (subscriber != null) {
            return;
        }
        StatefulRedisConnection<String, String> c = commands != null ? commands : client.connect(StringCodec.UTF8);
        if (c.sync().info("cluster").contains("cluster_enabled:1")) {
            c.close();
            throw new RedisClusterRefused(where);
        }
        commands = c;
        StatefulRedisConnection<byte[], byte[]> p = publisher != null ? publisher : client.connect(ByteArrayCodec.INSTANCE);
        publisher = p;
        StatefulRedisPubSubConnection<byte[], byte[]> s = client.connectPubSub(ByteArrayCodec.INSTANCE);
        s.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(byte[] ch, byte[] message) {
                onMessage.accept(message);
            }
        });
        s.sync().subscribe(channel);
        subscriber = s;
    }

    boolean connected() {
        StatefulRedisPubSubConnection<byte[], byte[]> s = subscriber;
        StatefulRedisConnection<String, String> c = commands;
        StatefulRedisConnection<byte[], byte[]> p = publisher;
        return s != null && s.isOpen() && c != null && c.isOpen() && p != null && p.isOpen();
    }

    RedisAsyncCommands<String, String> cmd() {
        StatefulRedisConnection<String, String> c = commands;
        if (c == null) {
            throw new IllegalStateException("redis not connected");
        }
        return c.async();
    }

    /** Fire and forget: pub/sub has no delivery guarantee anyway, losses are repaired by acks and resume. */
    void publish(byte[] channel, byte[] message) {
        StatefulRedisConnection<byte[], byte[]> p = publisher;
        if (p != null) {
            p.async().publish(channel, message);
        }
    }

    /** A publish whose completion says Redis handled it (so it is ordered before any later command). */
    CompletableFuture<Long> publishConfirmed(byte[] channel, byte[] message) {
        StatefulRedisConnection<byte[], byte[]> p = publisher;
        if (p == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("redis not connected"));
        }
        return p.async().publish(channel, message).toCompletableFuture();
    }

    long timeoutMs() {
        return timeoutMs;
    }

    <T> T await(CompletableFuture<T> f) throws Exception {
        return f.get(timeoutMs, TimeUnit.MILLISECONDS);
    }

    @SuppressWarnings("unchecked")
    CompletableFuture<String> evalString(String script, String[] keys, String... args) {
        return cmd().eval(script, ScriptOutputType.VALUE, keys, args).toCompletableFuture().thenApply(v -> (String) v);
    }

    CompletableFuture<Long> evalLong(String script, String[] keys, String... args) {
        return cmd().<Long>eval(script, ScriptOutputType.INTEGER, keys, args).toCompletableFuture();
    }

    @Override
    public synchronized void close() {
        try {
            if (subscriber != null) {
                subscriber.close();
            }
            if (publisher != null) {
                publisher.close();
            }
            if (commands != null) {
                commands.close();
            }
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
            resources.shutdown(0, 1, TimeUnit.SECONDS);
        }
    }
}
