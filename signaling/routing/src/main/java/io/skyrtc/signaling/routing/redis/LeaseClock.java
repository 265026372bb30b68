package io.skyrtc.signaling.routing.redis;

import io.skyrtc.signaling.room.RoomRouting;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Until when this node may act as the owner of the rooms it holds leases of, in its own monotonic clock, so
 * a room actor can check it before every relay without asking Redis (docs/SCALING.md, "Leases and fencing").
 *
 * <p>A watchdog tick whose renewals Redis answered confirms the leases until the time the tick started plus
 * {@code leaseMs} minus a margin of one tick: Redis keeps them at least that long after it. A process frozen
 * past that point (SIGSTOP, a VM pause) finds the deadline passed when it runs again, so its rooms hold what
 * their peers send until the next renewal says whether the leases are still its own.
 *
 * <p>While Redis cannot be reached, each tick extends the deadline the same way: rooms whose peers are all on
 * this node keep working through an outage (the requirement; in a partition where only this node lost
 * Redis, another node may take its rooms after the lease, and both serve their own peers until Redis is
 * back). That extension is refused once the ticks themselves stopped for a whole lease, or a tick started
 * after the deadline (the process was frozen, between ticks or inside one): then only an answer from Redis
 * lets the rooms act again. {@code redis.timeoutMs} is kept below the lease minus two ticks, so a plain
 * outage's ticks (each waiting up to that long, then a tick's delay) start before the deadline.
 */
final class LeaseClock {
    private static final Logger LOG = LoggerFactory.getLogger(LeaseClock.class);

    private final long validNanos;
    private volatile long confirmedUntil;
    /** The ticks stopped for longer than a lease since Redis last answered: the leases may be gone. */
    private volatile boolean frozen;
    private long lastTickEnd;
    private boolean ticked;
    /** Rooms that hold their peers' messages until the leases are confirmed again. */
    private final Set<String> holding = ConcurrentHashMap.newKeySet();
    /** Tells a room the leases are confirmed (posts to its mailbox, never runs it on the caller's thread). */
    private final Consumer<String> tell;

    LeaseClock(long leaseMs, long tickMs) {
        this(leaseMs, tickMs, room -> { });
    }

    LeaseClock(long leaseMs, long tickMs, Consumer<String> tell) {
        this.tell = tell;
        this.validNanos = TimeUnit.MILLISECONDS.toNanos(leaseMs - tickMs);
        this.confirmedUntil = System.nanoTime() - 1;
    }

    /** May this node act as an owner now: one volatile read and the clock. */
    boolean confirmed() {
        return System.nanoTime() - confirmedUntil < 0;
    }

    /**
     * On a room actor, before it handles what a connection sent: the leases are confirmed and the room's is
     * still this node's ({@code owns}). The clock is read first: a lease found lost leaves {@code owned} before
     * the clock is moved on. Unconfirmed: the room holds, and is told at the next confirmation. Confirmed but
     * not owned (its lease went while a join opened it again): holding would never end, the room lets go.
     */
    RoomRouting.OwnerCheck mayAct(String room, Predicate<String> owns) {
        if (!confirmed()) {
            holding.add(room);
            if (confirmed() && holding.remove(room)) {
                // confirmed meanwhile: releaseHolding may have run before the room was added; it tells itself
                tellSafely(tell, room);
            }
            return RoomRouting.OwnerCheck.HOLD;
        }
        return owns.test(room) ? RoomRouting.OwnerCheck.ACT : RoomRouting.OwnerCheck.NOT_OWNER;
    }

    /**
     * The current deadline: until then this node may act as owner. It only moves forward, so a time before it
     * was confirmed at every point since it was read.
     */
    long deadline() {
        return confirmedUntil;
    }

    /**
     * After a tick: if the leases are confirmed, every room that held messages is told. A room that cannot be
     * told (the node is closing: its executor refuses) does not stop the others, nor the routing timer that
     * calls this (an exception would cancel its schedule for good).
     */
    void releaseHolding() {
        if (holding.isEmpty() || !confirmed()) {
            return;
        }
        for (String room : holding) {
            if (holding.remove(room)) {
                tellSafely(tell, room);
            }
        }
    }

    private static void tellSafely(Consumer<String> tell, String room) {
        try {
            tell.accept(room);
        } catch (RuntimeException e) {
            LOG.debug("room {} could not be told its lease is confirmed: {}", room, e.toString());
        }
    }

    /** A watchdog tick starts at {@code now}: notes a gap of a whole lease since the previous one ended. */
    void tickStarts(long now) {
        if (ticked && now - lastTickEnd > validNanos && !frozen) {
            frozen = true;
            LOG.warn("the routing timer did not run for {} ms (the process was paused?): rooms this node owns hold"
                    + " what their peers send until Redis confirms their leases", (now - lastTickEnd) / 1_000_000);
        }
    }

    void tickEnds() {
        lastTickEnd = System.nanoTime();
        ticked = true;
    }

    /** Redis answered every renewal of a tick that started at {@code tickStart}. */
    void renewed(long tickStart) {
        if (frozen) {
            LOG.info("Redis answered this node's renewals again: its rooms act as owners again");
        }
        frozen = false;
        extend(tickStart);
    }

    /**
     * Redis did not answer a tick that started at {@code tickStart}: an outage extends the deadline, unless the
     * process was frozen. Frozen also when the deadline had already passed as the tick started: a pause inside
     * a tick that waited for Redis (up to {@code redis.timeoutMs}) leaves no gap between ticks, but the leases
     * may have moved meanwhile (the first tick ever has nothing to have passed).
     */
    void unreachable(long tickStart) {
        if (!frozen && ticked && tickStart - confirmedUntil >= 0) {
            frozen = true;
            LOG.warn("the leases' deadline passed {} ms before a routing tick that found Redis unreachable (the process"
                    + " was paused?): rooms this node owns hold what their peers send until Redis confirms their leases",
                    (tickStart - confirmedUntil) / 1_000_000);
        }
        if (!frozen) {
            extend(tickStart);
        }
    }

    boolean frozen() {
        return frozen;
    }

    private void extend(long tickStart) {
        long until = tickStart + validNanos;
        if (until - confirmedUntil > 0) {
            confirmedUntil = until;
        }
    }
}
