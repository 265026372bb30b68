package io.skyrtc.signaling.skynet;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.LongFunction;

/**
 * Events sent to the actor core but not yet acknowledged, in seq order, bounded. An acknowledgement
 * is cumulative: {@code ack N} settles every event up to N. After a reconnect everything unacknowledged
 * is sent again, in order. When full, the policy drops the oldest unacknowledged event (the core then
 * sees a seq gap) or refuses the new one; either way the drop is counted.
 */
final class Outbox {
    record Entry(long seq, byte[] frame, long enqueuedNanos) {}

    enum Offer { ACCEPTED, DROPPED_OLDEST, REFUSED_FULL, REFUSED_TOO_LARGE }

    private final ArrayDeque<Entry> queue = new ArrayDeque<>();
    private final int max;
    private final boolean dropOldest;
    private long nextSeq = 1;
    private long acked;
    private long dropped;
    private long tooLarge;

    Outbox(int max, boolean dropOldest) {
        this.max = max;
        this.dropOldest = dropOldest;
    }

    /**
     * Appends the frame {@code encode} builds for the next seq. A frame over the gate limit consumes no
     * seq (there is no gap for it): it is refused and counted.
     */
    synchronized Offer add(LongFunction<byte[]> encode) {
        byte[] frame = encode.apply(nextSeq);
        if (frame == null) {
            tooLarge++;
            return Offer.REFUSED_TOO_LARGE;
        }
        Offer result = Offer.ACCEPTED;
        if (queue.size() >= max) {
            dropped++;
            if (!dropOldest) {
                return Offer.REFUSED_FULL;
            }
            queue.pollFirst();
            result = Offer.DROPPED_OLDEST;
        }
        queue.addLast(new Entry(nextSeq++, frame, System.nanoTime()));
        notifyAll();
        return result;
    }

    /** Cumulative acknowledgement; acknowledging what was never sent is ignored. */
    synchronized void ack(long seq) {
        if (seq <= acked || seq >= nextSeq) {
            return;
        }
        acked = seq;
        while (!queue.isEmpty() && queue.peekFirst().seq() <= seq) {
            queue.pollFirst();
        }
    }

    /** Entries with seq > {@code after}, in order; waits up to {@code waitMs} when there are none. */
    synchronized List<Entry> after(long after, long waitMs) throws InterruptedException {
        if (queue.isEmpty() || queue.peekLast().seq() <= after) {
            wait(waitMs);
        }
        List<Entry> out = new ArrayList<>();
        for (Iterator<Entry> it = queue.descendingIterator(); it.hasNext(); ) {
            Entry e = it.next();
            if (e.seq() <= after) {
                break;
            }
            out.add(e);
        }
        java.util.Collections.reverse(out);
        return out;
    }

    synchronized long acked() {
        return acked;
    }

    synchronized long lastSeq() {
        return nextSeq - 1;
    }

    synchronized int depth() {
        return queue.size();
    }

    synchronized long dropped() {
        return dropped;
    }

    synchronized long tooLarge() {
        return tooLarge;
    }

    /** Age of the oldest unacknowledged event, 0 when none. */
    synchronized long oldestAgeMs() {
        return queue.isEmpty() ? 0 : (System.nanoTime() - queue.peekFirst().enqueuedNanos()) / 1_000_000;
    }
}
