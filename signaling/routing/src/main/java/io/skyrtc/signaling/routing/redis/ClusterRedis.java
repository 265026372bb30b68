package io.skyrtc.signaling.routing.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.RedisClusterURIUtil;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.models.partitions.Partitions;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.cluster.pubsub.StatefulRedisClusterPubSubConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * A Redis Cluster ({@code redis.cluster: true}; {@code redis.url} names seed nodes, Lettuce's form
 * {@code redis://host1:port1,host2:port2}). Commands go to their key's slot (every lease script's keys share
 * the room's hash tag); the room list scans every master; node-to-node messages are sharded pub/sub
 * (SPUBLISH/SSUBSCRIBE), served by the one master owning the channel's slot, which keeps the order every
 * publisher's messages and the {@link Barrier} rely on (classic PUBLISH would reach the subscriber through
 * the cluster bus from whichever master took it, with no order across masters).
 */
final class ClusterRedis implements RedisTopology {
    private final RedisClusterClient client;
    /** On {@code publishing}'s own I/O thread (RedisLink says why). */
    private final RedisClusterClient publishClient;
    private final String where;
    /** The master the channel was subscribed on (host:port): after a failover or resharding, subscribe again. */
    private volatile String subscribedAt;

    ClusterRedis(ClientResources resources, ClientResources publishing, String url, long timeoutMs) {
        List<RedisURI> seeds = RedisClusterURIUtil.toRedisURIs(URI.create(url));
        this.where = seeds.stream().map(u -> u.getHost() + ":" + u.getPort()).collect(Collectors.joining(","));
        this.client = client(resources, seeds, timeoutMs);
        this.publishClient = client(publishing, seeds, timeoutMs);
    }

    private static RedisClusterClient client(ClientResources resources, List<RedisURI> seeds, long timeoutMs) {
        RedisClusterClient client = RedisClusterClient.create(resources, seeds);
        client.setOptions(ClusterClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(Duration.ofMillis(timeoutMs)))
                .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                        .enableAllAdaptiveRefreshTriggers()  // MOVED, ASK, reconnects: a failover is seen at once
                        .enablePeriodicRefresh(Duration.ofSeconds(30))
                        .build())
                .build());
        return client;
    }

    @Override
    public String where() {
        return where;
    }

    @Override
    public Link<String, String> connectCommands() {
        StatefulRedisClusterConnection<String, String> c;
        try {
            c = client.connect(StringCodec.UTF8);
        } catch (RedisException e) {
            if (mentions(e, "cluster support disabled")) {
                throw RedisClusterRefused.clusterModeWithoutCluster(where);
            }
            throw e;
        }
        StatefulRedisClusterConnection<String, String> conn = c;
        eachMaster(client, (host, port) -> conn.getConnection(host, port));
        return new Link<>(c, c.async());
    }

    @Override
    public Link<byte[], byte[]> connectPublisher() {
        StatefulRedisClusterConnection<byte[], byte[]> p = publishClient.connect(ByteArrayCodec.INSTANCE);
        eachMaster(publishClient, (host, port) -> p.getConnection(host, port));
        return new Link<>(p, p.async());
    }

    /**
     * Commands are refused while a master's connection is still being opened (DisconnectedBehavior.REJECT),
     * so the connections to every master are opened before anything is sent: also keeps a publisher's
     * first messages to a master in order (none waits for a connection while a later one goes ahead).
     */
    private static void eachMaster(RedisClusterClient client, BiConsumer<String, Integer> open) {
        for (RedisClusterNode n : client.getPartitions()) {
            if (n.is(RedisClusterNode.NodeFlag.UPSTREAM) && !n.getSlots().isEmpty()) {
                open.accept(n.getUri().getHost(), n.getUri().getPort());
            }
        }
    }

    @Override
    public StatefulRedisPubSubConnection<byte[], byte[]> subscribe(byte[] channel, Consumer<byte[]> onMessage) {
        StatefulRedisClusterPubSubConnection<byte[], byte[]> s = client.connectPubSub(ByteArrayCodec.INSTANCE);
        s.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void smessage(byte[] ch, byte[] message) {
                onMessage.accept(message);
            }
        });
        try {
            RedisClusterNode master = masterOf(channel);
            if (master == null) {
                throw new RedisException("no master serves the slot of this node's channel (cluster_state not ok)");
            }
            s.getConnection(master.getUri().getHost(), master.getUri().getPort());  // opened before SSUBSCRIBE
            s.sync().ssubscribe(channel);
            subscribedAt = address(master);
            return s;
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    private RedisClusterNode masterOf(byte[] channel) {
        Partitions p = client.getPartitions();
        return p.getMasterBySlot(SlotHash.getSlot(channel));
    }

    private static String address(RedisClusterNode n) {
        return n.getUri().getHost() + ":" + n.getUri().getPort();
    }

    @Override
    public RedisFuture<Long> publish(RedisClusterAsyncCommands<byte[], byte[]> publisher, byte[] channel, byte[] message) {
        return publisher.spublish(channel, message);
    }

    @Override
    public boolean subscriptionCurrent(StatefulRedisPubSubConnection<byte[], byte[]> subscriber, byte[] channel) {
        RedisClusterNode master = masterOf(channel);
        return master != null && address(master).equals(subscribedAt);
    }

    private static boolean mentions(Throwable e, String text) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains(text)) {
                return true;
            }
            for (Throwable s : t.getSuppressed()) {
                if (mentions(s, text)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public void close() {
        publishClient.shutdown(Duration.ZERO, Duration.ofSeconds(1));
        client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
    }
}
