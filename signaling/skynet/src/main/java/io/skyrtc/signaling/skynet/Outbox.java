package io.skyrtc.signaling.skynet;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

/**
 * Events sent to the actor core but not yet acknowledged, in seq order, bounded. An acknowledgement
 * is cumulative: {@code ack N} settles every event up to N. After a reconnect everything unacknowledged
 * is sent again, in order. When full, the policy drops the oldest unacknowledged event or refuses the
 * new one. An event evicted before it was written on the live connection counts as {@code dropped}
 * (the core sees a seq gap for it); one already written there counts as {@code evictedUnacked}
 * (it reaches the core unless that connection fails before it gets there).
 *
 * <p>Entries sit in a ring with consecutive seqs, so the writer finds "everything after seq N" by
 * index, without scanning what is in flight.
 */
public final class Outbox {
    public record Entry(long seq, byte[] payload, long enqueuedNanos) {}

    public enum Offer { ACCEPTED, DROPPED_OLDEST, EVICTED_UNACKED, REFUSED_FULL, REFUSED_TOO_LARGE }

    private Entry[] ring = new Entry[64];
    private int head;
    private int size;
    private final int max;
    private final boolean dropOldest;
    private long nextSeq = 1;
    private long acked;
    private long dropped;
    private long evictedUnacked;
    private long tooLarge;
    /** The highest seq {@link #after} ever handed out: written (or about to be) at least once. */
    private long handedOut;
    /** Overflow is summed up in one WARN per interval, not one per event (docs/ACTOR-CORE.md). */
    final LogThrottle overflowLog = new LogThrottle(10_000);

    public Outbox(int max, boolean dropOldest) {
        this.max = max;
        this.dropOldest = dropOldest;
    }

    /**
     * Appends the payload {@code encode} builds for the next seq (null: over the link's size limit).
     * Such an event consumes no seq (there is no gap for it): it is refused and counted.
     */
    public synchronized Offer add(LongFunction<byte[]> encode) {
        byte[] payload = encode.apply(nextSeq);
        if (payload == null) {
            tooLarge++;
            return Offer.REFUSED_TOO_LARGE;
        }
        Offer result = Offer.ACCEPTED;
        if (size >= max) {
            if (!dropOldest) {
                dropped++;
                return Offer.REFUSED_FULL;
            }
            if (ring[head].seq() <= handedOut) {
                evictedUnacked++;
                result = Offer.EVICTED_UNACKED;
            } else {
                dropped++;
                result = Offer.DROPPED_OLDEST;
            }
            removeFirst();
        }
        if (size == ring.length) {
            grow();
        }
        ring[(head + size) % ring.length] = new Entry(nextSeq++, payload, System.nanoTime());
        size++;
        notifyAll();
        return result;
    }

    /**
     * The connection that carried what {@link #after} handed out is gone: what it did not get
     * acknowledged counts as never sent again (it will be re-sent; evicted before that, it is dropped).
     */
    public synchronized void connectionLost() {
        handedOut = acked;
    }

    /** Cumulative acknowledgement; acknowledging what was never sent is ignored. */
    public synchronized void ack(long seq) {
        if (seq <= acked || seq >= nextSeq) {
            return;
        }
        acked = seq;
        while (size > 0 && ring[head].seq() <= seq) {
            removeFirst();
        }
    }

    /**
     * Up to {@code max} entries with seq > {@code after}, in order; waits up to {@code waitMs} when there
     * are none (0: do not wait).
     */
    public synchronized List<Entry> after(long after, long waitMs, int max) throws InterruptedException {
        if (waitMs > 0 && (size == 0 || get(size - 1).seq() <= after)) {
            wait(waitMs);  // (wait(0) would mean forever)
        }
        if (size == 0) {
            return List.of();
        }
        long first = get(0).seq();
        int from = (int) Math.max(0, Math.min(size, after + 1 - first));
        int to = Math.min(size, from + max);
        List<Entry> out = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            out.add(get(i));
        }
        if (!out.isEmpty()) {
            handedOut = Math.max(handedOut, out.get(out.size() - 1).seq());
        }
        return out;
    }

    private Entry get(int i) {
        return ring[(head + i) % ring.length];
    }

    private void removeFirst() {
        ring[head] = null;
        head = (head + 1) % ring.length;
        size--;
    }

    private void grow() {
        Entry[] bigger = new Entry[ring.length * 2];
        for (int i = 0; i < size; i++) {
            bigger[i] = get(i);
        }
        ring = bigger;
        head = 0;
    }

    public synchronized long acked() {
        return acked;
    }

    /** The oldest seq still kept (every lower one was acknowledged or dropped); lastSeq + 1 when empty. */
    public synchronized long firstSeq() {
        return size == 0 ? nextSeq : ring[head].seq();
    }

    public synchronized long lastSeq() {
        return nextSeq - 1;
    }

    public synchronized int depth() {
        return size;
    }

    public synchronized long dropped() {
        return dropped;
    }

    /** Events evicted by drop-oldest after they had been written at least once, never acknowledged. */
    public synchronized long evictedUnacked() {
        return evictedUnacked;
    }

    public synchronized long tooLarge() {
        return tooLarge;
    }

    /** Age of the oldest unacknowledged event, 0 when none. */
    public synchronized long oldestAgeMs() {
        return size == 0 ? 0 : (System.nanoTime() - ring[head].enqueuedNanos()) / 1_000_000;
    }
}
