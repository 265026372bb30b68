package io.skyrtc.signaling.ops;

import io.skyrtc.signaling.room.RoomRegistry;
import java.util.function.IntSupplier;

/**
 * A bounded drain ({@code admin drain}, SIGTERM): readiness off, new joins refused with
 * {@code server-draining}, joined peers told the deadline; then the shutdown runs as soon as the last
 * peer left or at {@code server.drainTimeoutMs}, whichever comes first. It never waits longer: rooms
 * that are still busy at the deadline get {@code server-shutdown} like any other shutdown.
 *
 * <p>In multi-node mode the drain waits until this node holds no socket and its rooms no detached peer
 * (its peers reconnect to other nodes and resume there, their rooms still served here, replaying what
 * waited for them), then hands the rooms it owns over to the other nodes before the shutdown
 * (docs/SCALING.md, "Drain").
 */
public final class Drain {
    /** How often the drain thread looks whether every peer left. */
    static final long POLL_MS = 50;

    /** What {@code admin drain} answers: when the node will shut down at the latest, and who is still there. */
    public record Status(boolean draining, long deadlineMs, long inMs, int peers) {}

    private final Readiness readiness;
    private final RoomRegistry rooms;
    private final IntSupplier peers;
    private final long timeoutMs;
    private final Runnable shutdown;
    private long deadlineMs;
    private Thread waiter;
    /** Multi-node: told when the drain starts, and run before the shutdown (null on a single node). */
    private java.util.function.LongConsumer onStart;
    private Runnable handOver;

    public Drain(Readiness readiness, RoomRegistry rooms, IntSupplier peers, long timeoutMs, Runnable shutdown) {
        this.readiness = readiness;
        this.rooms = rooms;
        this.peers = peers;
        this.timeoutMs = timeoutMs;
        this.shutdown = shutdown;
    }

    /** Multi-node: {@code onStart} gets the deadline, {@code handOver} gives the rooms away once the wait is over. */
    public Drain handingOverTo(java.util.function.LongConsumer onStart, Runnable handOver) {
        this.onStart = onStart;
        this.handOver = handOver;
        return this;
    }

    /** Starts draining (a second call only reports: the deadline is not moved). */
    public synchronized Status start() {
        if (waiter == null) {
            deadlineMs = System.currentTimeMillis() + timeoutMs;
            readiness.notReady("draining");
            rooms.drain(deadlineMs);
            if (onStart != null) {
                onStart.accept(deadlineMs);
            }
            io.skyrtc.signaling.logs.EventLog.info("drain", "peers", peers.getAsInt(), "deadlineMs", deadlineMs,
                    "timeoutMs", timeoutMs);
            waiter = new Thread(this::waitThenShutDown, "drain");
            waiter.setDaemon(true);
            waiter.start();
        }
        return status();
    }

    public synchronized Status status() {
        long left = waiter == null ? 0 : Math.max(0, deadlineMs - System.currentTimeMillis());
        return new Status(waiter != null, deadlineMs, left, peers.getAsInt());
    }

    private void waitThenShutDown() {
        try {
            while (peers.getAsInt() > 0 && System.currentTimeMillis() < deadlineMs) {
                Thread.sleep(POLL_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int left = peers.getAsInt();
        io.skyrtc.signaling.logs.EventLog.info("drained", "peers", left, "reason", left == 0 ? "empty" : "deadline");
        if (handOver != null) {
            try {
                handOver.run();
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(Drain.class).warn("hand-over failed: {}", e.toString());
            }
        }
        shutdown.run();
    }
}
