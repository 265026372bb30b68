package io.skyrtc.signaling.ws;

import java.util.ArrayList;
import java.util.List;

/**
 * Write coalescing on the reading thread. While a thread handles frames it read from a socket, what
 * the rooms send on that thread goes into each target connection's batch buffer instead of one write
 * per frame; the next time the thread reads ({@link BatchingConnector}: after the frames in hand are
 * all handled, or when the socket is empty) it flushes every connection it batched to. One read of
 * thirty offers for one peer thus costs one write, not thirty. Threads that are not handling a read
 * (room timers, the actor-core link, HTTP calls) are never in a batch and write at once.
 */
final class OutboundBatch {
    private static final ThreadLocal<OutboundBatch> CURRENT = ThreadLocal.withInitial(OutboundBatch::new);

    private final List<OutboundQueue> dirty = new ArrayList<>();
    private boolean reading;

    static OutboundBatch current() {
        return CURRENT.get();
    }

    /** This thread is handling a frame it read: sends may wait for its next read. */
    void reading() {
        reading = true;
    }

    boolean isReading() {
        return reading;
    }

    /** {@code queue} has batched frames; flush it at the end of this thread's read. */
    void add(OutboundQueue queue) {
        dirty.add(queue);
    }

    /** End of the read burst (or a safety point): write out everything this thread batched. */
    void flush() {
        reading = false;
        if (dirty.isEmpty()) {
            return;
        }
        for (int i = 0; i < dirty.size(); i++) {
            dirty.get(i).flushBatch();
        }
        dirty.clear();
    }
}
