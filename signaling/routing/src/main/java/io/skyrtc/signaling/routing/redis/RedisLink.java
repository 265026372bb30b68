package io.skyrtc.signaling.routing.redis;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The node's three Redis connections (Lettuce): commands, publishing, and its own channel, on one Redis
 * (or Sentinel's primary) or on a Redis Cluster ({@link RedisTopology}). Commands are refused at once while
 * a connection is down (never queued: a join then gets {@code unavailable} instead of waiting), and Lettuce
 * reconnects every 0.1-1 s, re-subscribing the channel by itself.
 */
final class RedisLink implements AutoCloseable {
    private final RedisTopology topology;
    private final ClientResources resources;
    private final ClientResources publishing;
    private final long timeoutMs;
    private volatile RedisTopology.Link<String, String> commands;
    private volatile RedisTopology.Link<byte[], byte[]> publisher;
    private volatile StatefulRedisPubSubConnection<byte[], byte[]> subscriber;
    private volatile byte[] channel;

    /** {@code cluster}: {@code url} names Redis Cluster seed nodes ({@code redis.cluster}). */
    RedisLink(String url, boolean cluster, long timeoutMs) {
        this.timeoutMs = timeoutMs;
        this.resources = resources(2);
        // the publisher's own I/O thread: Netty writes a command at once when called on the connection's
        // event loop but queues it from any other thread, so a publish from the subscriber's thread (a room
        // actor running there) could overtake one queued just before by another thread. No caller runs on
        // this thread, so every publish is queued, in the order the callers made them.
        this.publishing = resources(1);
        this.topology = cluster ? new ClusterRedis(resources, publishing, url, timeoutMs)
                : new SingleRedis(resources, publishing, url, timeoutMs);
    }

    private static ClientResources resources(int ioThreads) {
        return ClientResources.builder()
                .ioThreadPoolSize(ioThreads).computationThreadPoolSize(ioThreads)
                .reconnectDelay(Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
                .build();
    }

    /**
     * Connects (throws while Redis cannot be reached; call again later) and subscribes {@code channel}.
     * Throws {@link RedisClusterRefused} when the server is not of the kind {@code redis.cluster} says.
     * When the cluster moved the channel to another master, {@code moving} runs before it is subscribed
     * again there (what was published to it meanwhile is lost), {@code moved} once it is.
     */
    synchronized void connect(byte[] channel, Consumer<byte[]> onMessage, Runnable moving, Runnable moved) {
        if (subscriber != null && topology.subscriptionCurrent(subscriber, channel)) {
            return;
        }
        boolean again = subscriber != null;
        if (again) {
            moving.run();
            subscriber.close();
            subscriber = null;
        }
        if (commands == null) {
            commands = topology.connectCommands();
        }
        if (publisher == null) {
            publisher = topology.connectPublisher();
        }
        this.channel = channel;
        subscriber = topology.subscribe(channel, onMessage);
        if (again) {
            moved.run();
        }
    }

    boolean connected() {
        StatefulRedisPubSubConnection<byte[], byte[]> s = subscriber;
        RedisTopology.Link<String, String> c = commands;
        RedisTopology.Link<byte[], byte[]> p = publisher;
        return s != null && s.isOpen() && c != null && c.open() && p != null && p.open()
                && topology.subscriptionCurrent(s, channel);
    }

    RedisClusterAsyncCommands<String, String> cmd() {
        RedisTopology.Link<String, String> c = commands;
        if (c == null) {
            throw new IllegalStateException("redis not connected");
        }
        return c.async();
    }

    /** Fire and forget: pub/sub has no delivery guarantee anyway, losses are repaired by acks and resume. */
    void publish(byte[] channel, byte[] message) {
        RedisTopology.Link<byte[], byte[]> p = publisher;
        if (p != null) {
            topology.publish(p.async(), channel, message);
        }
    }

    /** A publish whose completion says Redis handled it (so it is ordered before any later command). */
    CompletableFuture<Long> publishConfirmed(byte[] channel, byte[] message) {
        RedisTopology.Link<byte[], byte[]> p = publisher;
        if (p == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("redis not connected"));
        }
        return topology.publish(p.async(), channel, message).toCompletableFuture();
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
                publisher.connection().close();
            }
            if (commands != null) {
                commands.connection().close();
            }
        } finally {
            topology.close();
            resources.shutdown(0, 1, TimeUnit.SECONDS);
            publishing.shutdown(0, 1, TimeUnit.SECONDS);
        }
    }
}
