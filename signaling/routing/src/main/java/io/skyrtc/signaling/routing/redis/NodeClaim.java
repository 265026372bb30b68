package io.skyrtc.signaling.routing.redis;

import io.lettuce.core.SetArgs;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's id in Redis ({@code server.nodeId} names its channel and its leases, so two live nodes with
 * one id would read each other's messages and renew each other's leases). The node key holds
 * {@code instance baseUrl}, {@code instance} being random per process: taken with {@code SET NX PX leaseMs}
 * and renewed each watchdog tick only while it still holds this process's value. Until it is held, the node
 * reads nothing from its channel and takes no lease.
 */
final class NodeClaim {
    private static final Logger LOG = LoggerFactory.getLogger(NodeClaim.class);
    /** 1 = held (renewed, or taken: the key had expired), 0 = another process holds it. */
    private static final String RENEW = """
            local cur = redis.call('GET', KEYS[1])
            if cur and cur ~= ARGV[1] then return 0 end
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            return 1""";

    private final RedisRouting r;
    private final String instance = Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
    private volatile boolean held;
    /** The value found in the key while another process holds it (null: none seen). */
    private volatile String heldBy;

    NodeClaim(RedisRouting routing) {
        this.r = routing;
    }

    boolean held() {
        return held;
    }

    String heldBy() {
        return heldBy;
    }

    /** Takes or renews the key; false when another process holds it (then the node must not act in the cluster). */
    boolean renew(String baseUrl) throws Exception {
        String value = instance + " " + baseUrl;
        String key = r.keys.node(r.nodeId);
        boolean ok;
        if (!held) {
            ok = "OK".equals(r.link.await(r.link.cmd().set(key, value, SetArgs.Builder.nx().px(r.leaseMs))
                    .toCompletableFuture()));
        } else {
            ok = r.link.await(r.link.evalLong(RENEW, new String[] {key}, value, Long.toString(r.leaseMs))) == 1;
        }
        if (ok) {
            if (!held && heldBy != null) {
                LOG.info("node id {} is this node's now (the previous holder's key expired)", r.nodeId);
            }
            held = true;
            heldBy = null;
            return true;
        }
        String holder = r.link.await(r.link.cmd().get(key).toCompletableFuture());
        if (held) {
            LOG.error("node id {} was taken by another process ({}) while this one could not renew it (paused?):"
                    + " this node gives up its rooms and stays out of the cluster; give every node its own"
                    + " server.nodeId", r.nodeId, holder);
        }
        held = false;
        heldBy = holder;
        return false;
    }
}
