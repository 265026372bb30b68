package io.skyrtc.signaling.routing.redis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's routing timer, on one thread: checks Redis, renews the leases this node holds (a lease
 * found taken by another node means the room moved away), keeps the node key alive, acknowledges the
 * client messages owned rooms handled, and moves each edge session whose room's owner changed, taking
 * the room over when its owner's lease expired (the owner died). After Redis comes back no lease is
 * taken for one lease period, so owners renew theirs first and no room gets a second owner.
 */
final class Watchdog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Watchdog.class);
    static final long ACK_INTERVAL_MS = 50;
    /** Acks lag arrival by this many ticks (200 ms): what the owner received may still wait in the room's mailbox. */
    static final int ACK_DELAY_TICKS = 4;

    private final RedisRouting r;
    private final java.util.function.Supplier<String> baseUrl;
    private final long tickMs;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread t = new Thread(task, "redis-routing");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean up;
    /** Redis turned out to be a cluster node: never up (logged once). */
    private volatile RedisClusterRefused refused;
    private volatile long acquireNotBefore;
    /** Redis was reached before: coming back after an outage, not starting. */
    private boolean wasUp;
    private final Map<String, Long> orphanSince = new HashMap<>();
    /** Past start-up (where a taken id stops the node): a taken id is logged, once per holder. */
    private volatile boolean started;
    private String conflictLogged;
    /** This node's id in Redis: nothing is read from its channel nor any lease taken until it is held. */
    final NodeClaim claim;
    /** Until when the leases are confirmed (room actors check it before acting as owners). */
    final LeaseClock clock;

    Watchdog(RedisRouting routing, java.util.function.Supplier<String> baseUrl) {
        this.r = routing;
        this.baseUrl = baseUrl;
        this.tickMs = LeaseTiming.tickMs(routing.leaseMs);
        this.clock = new LeaseClock(routing.leaseMs, tickMs, room -> routing.registry().ownerConfirmed(room));
        this.claim = new NodeClaim(routing);
    }

    void start() {
        tickNow();  // connected before the node says it is listening (or down: joins wait)
        if (refused != null) {
            throw refused;  // a configuration error: the node does not start
        }
        if (!claim.held() && claim.heldBy() != null) {
            // a live node renews its key every tick; a dead one's (kill -9, then a restart) expires within a lease
            long waitMs = r.leaseMs + tickMs;
            LOG.warn("node id {} is held in Redis by {} (a previous process with this id?); waiting up to {} ms for"
                    + " it to expire", r.nodeId, claim.heldBy(), waitMs);
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs);
            while (!claim.held() && claim.heldBy() != null && System.nanoTime() - end < 0) {
                sleep(tickMs);
                tickNow();
            }
            if (!claim.held() && claim.heldBy() != null) {
                throw new NodeIdTaken(r.nodeId, r.keys.node(r.nodeId), claim.heldBy(), waitMs);
            }
        }
        started = true;
        timer.scheduleWithFixedDelay(this::tick, tickMs, tickMs, TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(this::acks, ACK_INTERVAL_MS, ACK_INTERVAL_MS, TimeUnit.MILLISECONDS);
    }

    boolean up() {
        return up;
    }

    private void tickNow() {
        try {
            timer.submit(this::tick).get();
        } catch (Exception e) {
            LOG.warn("redis check failed: {}", e.toString());
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean mayAcquire() {
        return up && claim.held() && System.nanoTime() - acquireNotBefore >= 0 && !r.draining();
    }

    /** Routes the sessions now rather than at the next tick (a draining owner let a room go). */
    void nudge() {
        try {
            timer.execute(this::tick);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            // the node is closing
        }
    }

    private void tick() {
        if (refused != null) {
            return;  // redis.url cannot change while running
        }
        long start = System.nanoTime();
        clock.tickStarts(start);
        try {
            tickOnce(start);
        } finally {
            clock.tickEnds();
        }
        clock.releaseHolding();  // they handle what they held now
    }

    private void tickOnce(long start) {
        try {
            if (!r.link.connected()) {
                r.connect();
            }
            r.link.await(r.link.cmd().ping().toCompletableFuture());
            if (!claim.renew(baseUrl.get())) {
                notClaimed();
                return;
            }
            if (!up) {
                LOG.info("redis is up (node {})", r.nodeId);
                if (wasUp) {
                    acquireNotBefore = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(r.leaseMs);
                }
                wasUp = true;
                r.sessions.values().forEach(s -> s.needsRoute = true);  // re-attach: frames may have been lost
                up = true;
            }
            renew();
            clock.renewed(start);  // every renewal answered: the leases still held are this node's till start + lease
            routeSessions();
        } catch (RedisClusterRefused e) {
            if (refused == null) {
                LOG.error("{}", e.getMessage());
            }
            refused = e;
            up = false;
        } catch (Exception e) {
            if (e instanceof java.util.concurrent.TimeoutException && r.link.connected()) {
                // slow (a loaded machine), not gone: the connections are up and lost nothing
                LOG.debug("redis slow (node {}): a check took over {} ms", r.nodeId, r.link.timeoutMs());
                clock.unreachable(start);
                return;
            }
            if (up) {
                LOG.warn("redis is down (node {}): {}; rooms whose peers are all here keep working", r.nodeId,
                        e.toString());
            }
            up = false;
            clock.unreachable(start);
        }
    }

    /** Another process holds this node's id: out of the cluster (its rooms move) until the id is free again. */
    private void notClaimed() {
        if (started && !java.util.Objects.equals(conflictLogged, claim.heldBy())) {
            conflictLogged = claim.heldBy();
            LOG.error("node id {} is held by another process ({}): this node serves no cluster room; give every"
                    + " node its own server.nodeId", r.nodeId, claim.heldBy());
        }
        up = false;
        for (String room : List.copyOf(r.owned.keySet())) {
            r.lost(room);
        }
    }

    private void renew() throws Exception {
        Map<String, CompletableFuture<Long>> results = new HashMap<>();
        for (Map.Entry<String, Owner> e : r.owned.entrySet()) {
            results.put(e.getKey(), r.leases.renew(e.getKey(), e.getValue().value()));
        }
        long now = System.nanoTime();
        for (Map.Entry<String, CompletableFuture<Long>> e : results.entrySet()) {
            String room = e.getKey();
            long result;
            try {
                result = r.link.await(e.getValue());
            } catch (Exception failed) {
                counted(m -> m.renewError.increment());
                throw failed;
            }
            if (result == 0) {
                counted(m -> m.renewLost.increment());
                r.lost(room);
            } else if (result == 2) {
                LOG.info("redis had lost the lease of room {}; taken again, members written again", room);
                r.registry().republish(room);
            }
            if (r.registry().localRoom(room) == null) {
                // a lease without a room (a resume that found nothing): let it go after two ticks
                long since = orphanSince.computeIfAbsent(room, k -> now);
                if (now - since > TimeUnit.MILLISECONDS.toNanos(2 * tickMs)) {
                    Owner o = r.owned.remove(room);
                    orphanSince.remove(room);
                    if (o != null) {
                        r.leases.release(room, o.value());
                    }
                }
            } else {
                orphanSince.remove(room);
            }
        }
    }

    private void counted(java.util.function.Consumer<RoutingMeters> count) {
        RoutingMeters m = r.meters;
        if (m != null) {
            count.accept(m);
        }
    }

    private void routeSessions() throws Exception {
        Map<String, List<EdgeSession>> byRoom = new HashMap<>();
        for (EdgeSession s : r.sessions.values()) {
            byRoom.computeIfAbsent(s.room, k -> new ArrayList<>()).add(s);
        }
        boolean barrierPassed = false;
        for (Map.Entry<String, List<EdgeSession>> e : byRoom.entrySet()) {
            String room = e.getKey();
            Owner owner = RedisRouting.parseOrNull(r.link.await(r.leases.owner(room)));
            if (owner == null && mayAcquire()) {
                owner = Owner.parse(r.link.await(r.leases.acquire(room)));
            }
            if (owner == null) {
                continue;
            }
            boolean mine = owner.node().equals(r.nodeId);
            Owner current = owner;
            boolean moving = e.getValue().stream().anyMatch(s -> s.needsRoute || !current.equals(s.owner()));
            if (moving && !barrierPassed) {
                r.barrier.await();  // the old owner's last frames and acks are handled before the sessions move
                barrierPassed = true;
            }
            if (mine) {
                r.takeOver(room, owner);
            }
            for (EdgeSession s : e.getValue()) {
                if (s.needsRoute || !owner.equals(s.owner())) {
                    if (mine) {
                        s.moveHere();
                    } else {
                        s.moveTo(owner);
                    }
                }
            }
        }
    }

    /** Tells each edge node which client messages owned rooms handled, so it stops keeping them. */
    private void acks() {
        if (!clock.confirmed()) {
            return;  // a room may hold what it took: acknowledged, the edge would never send it again
        }
        try {
            Map<String, StringBuilder> byEdge = new HashMap<>();
            for (RemotePeer p : r.remotePeers.values()) {
                int slot = p.tick++ % ACK_DELAY_TICKS;
                long handled = p.seenByTick[slot];  // what had arrived ACK_DELAY_TICKS ticks ago
                p.seenByTick[slot] = p.handledSeq;
                if (handled > p.ackedSeq) {
                    p.ackedSeq = handled;
                    byEdge.computeIfAbsent(p.edge, k -> new StringBuilder())
                            .append(p.session).append(' ').append(handled).append('\n');
                }
            }
            byEdge.forEach((edge, lines) -> r.publish(edge, new Envelope('K', r.nodeId, "-", 0,
                    lines.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        } catch (RuntimeException e) {
            LOG.debug("acks failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
