package io.skyrtc.signaling.routing.redis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A draining owner gives its rooms to the cluster (docs/SCALING.md, "Drain"). Per room: stop taking the
 * edges' client messages (the edges keep them, unacknowledged), let the room actor finish what it did
 * take, acknowledge exactly that, then drop the lease but keep the members. The edge nodes, nudged by an
 * {@code H} message, take the room over at once (the first to get the lease re-creates it from the
 * members) and send what was not acknowledged to it: nothing accepted is lost or handled twice.
 */
final class HandOver {
    private static final Logger LOG = LoggerFactory.getLogger(HandOver.class);

    private HandOver() {}

    /** Hands every owned room over; returns how many were. */
    static int all(RedisRouting r) {
        int n = 0;
        long waitUntil = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(r.leaseMs);
        for (String room : new ArrayList<>(r.owned.keySet())) {
            try {
                if (room(r, room, waitUntil)) {
                    n++;
                }
            } catch (Exception e) {
                LOG.warn("could not hand room {} over ({}); it moves when its lease expires", room, e.toString());
            }
        }
        return n;
    }

    /** The lease deadline once the clock is confirmed (polled each 20 ms until {@code waitUntil}); passed if never. */
    private static long confirmedDeadline(RedisRouting r, long waitUntil) throws InterruptedException {
        LeaseClock clock = r.watchdog.clock;
        while (!clock.confirmed() && System.nanoTime() - waitUntil < 0) {
            Thread.sleep(20);
        }
        return clock.deadline();
    }

    static int peersNotMoved(RedisRouting r) {
        int n = 0;
        for (String room : r.owned.keySet()) {
            if (r.registry().localRoom(room) == null) {
                continue;
            }
            try {
                int members = r.link.await(r.registry().snapshot(room)).peers().size();
                long remote = r.remotePeers.values().stream().filter(p -> p.room.equals(room) && !p.silenced).count();
                n += Math.max(0, members - (int) remote);
            } catch (Exception e) {
                n++;  // cannot tell: not moved
            }
        }
        return n;
    }

    /**
     * Only while the leases are confirmed from before the room handles what it held until after its snapshot:
     * a room that holds (the node was paused) has not handled what its edges' {@code handledSeq} counts, and
     * acknowledged, the edges would never send it again. Waits up to {@code waitUntil} for a confirmation;
     * a room not handed over moves when its lease expires.
     */
    static boolean room(RedisRouting r, String room, long waitUntil) throws Exception {
        Owner o = r.owned.get(room);
        long deadline = confirmedDeadline(r, waitUntil);
        if (o == null || System.nanoTime() - deadline >= 0) {
            if (o != null) {
                LOG.warn("room {} not handed over: this node cannot confirm its leases; it moves when its lease expires", room);
            }
            return false;
        }
        r.handingOver.add(room);
        try {
            r.barrier.await();  // no client message is half-way from the subscriber into the room any more
            if (r.registry().localRoom(room) != null) {
                r.registry().ownerConfirmed(room);  // a room that held messages handles them first, in order
                r.link.await(r.registry().snapshot(room));  // the room handled, and relayed, all it took
            }
            if (System.nanoTime() - deadline >= 0) {
                LOG.warn("room {} not handed over: its lease deadline passed during the hand-over", room);
                return false;  // it may have held what its edges' handledSeq counts: nothing acknowledged
            }
            Map<String, StringBuilder> acks = new LinkedHashMap<>();
            for (RemotePeer p : List.copyOf(r.remotePeers.values())) {
                if (p.room.equals(room)) {
                    p.silenced = true;
                    r.remotePeers.remove(p.key(), p);
                    acks.computeIfAbsent(p.edge, k -> new StringBuilder())
                            .append(p.session).append(' ').append(p.handledSeq).append('\n');
                }
            }
            for (Map.Entry<String, StringBuilder> a : acks.entrySet()) {
                // confirmed: Redis delivers them before the edges can see the lease gone
                r.link.await(r.link.publishConfirmed(r.keys.channel(a.getKey()), new Envelope('K', r.nodeId, "-", 0,
                        a.getValue().toString().getBytes(StandardCharsets.UTF_8)).encode()));
            }
            r.owned.remove(room);
            r.registry().moved(room);  // peers still on this node: 1012 room-moved, they resume elsewhere
            r.link.await(r.leases.handOver(room, o.value()));
            for (String edge : acks.keySet()) {
                r.publish(edge, new Envelope('H', r.nodeId, "-", 0, RedisRouting.bytes(room)));
            }
            LOG.info("handed room {} over ({} edge nodes)", room, acks.size());
            return true;
        } finally {
            r.handingOver.remove(room);
        }
    }
}
