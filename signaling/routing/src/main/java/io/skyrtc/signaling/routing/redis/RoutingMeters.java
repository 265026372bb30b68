package io.skyrtc.signaling.routing.redis;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Multi-node meters (docs/SCALING.md, "Metrics"), registered by the routing itself: what this node owns,
 * the sessions crossing nodes, lease renewals that failed, and the frames relayed between nodes.
 */
final class RoutingMeters {
    final Counter relayedSent;
    final Counter relayedReceived;
    final Counter renewLost;
    final Counter renewError;

    RoutingMeters(RedisRouting r, MeterRegistry registry) {
        Gauge.builder("skyrtc.routing.rooms.owned", r.owned, java.util.Map::size)
                .description("rooms whose lease this node holds").register(registry);
        Gauge.builder("skyrtc.routing.peers.remote", r.remotePeers, java.util.Map::size)
                .description("peers of rooms owned here whose sockets are on other nodes").register(registry);
        Gauge.builder("skyrtc.routing.sessions.edge", r.sessions, java.util.Map::size)
                .description("sockets here in rooms owned by other nodes").register(registry);
        Gauge.builder("skyrtc.routing.redis.up", r, x -> x.redisUp() ? 1 : 0)
                .description("1 while the watchdog reaches Redis").register(registry);
        Gauge.builder("skyrtc.routing.leases.confirmed", r, x -> x.watchdog.clock.confirmed() ? 1 : 0)
                .description("1 while this node's leases are confirmed (0: its rooms hold what peers send)")
                .register(registry);
        relayedSent = Counter.builder("skyrtc.routing.relayed").tag("direction", "sent")
                .description("client messages and frames relayed to another node (one PUBLISH each)").register(registry);
        relayedReceived = Counter.builder("skyrtc.routing.relayed").tag("direction", "received")
                .description("client messages and frames relayed from another node").register(registry);
        renewLost = Counter.builder("skyrtc.routing.lease.renew.failures").tag("reason", "lost")
                .description("lease renewals that failed: lost = another node holds the lease, error = Redis")
                .register(registry);
        renewError = Counter.builder("skyrtc.routing.lease.renew.failures").tag("reason", "error")
                .description("lease renewals that failed: lost = another node holds the lease, error = Redis")
                .register(registry);
        FunctionCounter.builder("skyrtc.routing.frames.stale", r.staleFrames, java.util.concurrent.atomic.AtomicLong::get)
                .description("frames from an owner that lost its lease, refused by fencing").register(registry);
        FunctionCounter.builder("skyrtc.routing.unacked.dropped", r.unackedDrops, java.util.concurrent.atomic.AtomicLong::get)
                .description("client messages dropped from an edge's re-send buffer (over 4096)").register(registry);
    }

    /** The {@code multiNode} object of {@code /healthz}. */
    static java.util.Map<String, Object> health(RedisRouting r) {
        java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("node", r.nodeId);
        out.put("redis", r.redisUp() ? "up" : "down");
        out.put("leasesConfirmed", r.watchdog.clock.confirmed());
        out.put("ownedRoomCount", r.owned.size());
        out.put("ownedRooms", r.owned.keySet().stream().sorted().limit(100).toList());
        out.put("remotePeers", r.remotePeers.size());
        out.put("edgeSessions", r.sessions.size());
        out.put("staleFramesDropped", r.staleFrames.get());
        out.put("unackedDropped", r.unackedDrops.get());
        return out;
    }
}
