package io.skyrtc.signaling.bench;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * What a scenario sent against what arrived, over the whole run (warm-up included), after the senders
 * stopped and what was in flight had time to land: a relay that drops messages must not pass as fast.
 */
record Delivery(String what, long sent, long received) {
    /** How long {@link #settle} waits for messages still in flight. */
    static final long SETTLE_MS = 5_000;

    long lost() {
        return Math.max(0, sent - received);
    }

    /** e.g. "offers: sent 150,012, received 150,012, 0 lost"; extra arrivals (duplicates) are named too. */
    String text() {
        String extra = received > sent ? String.format(" (%,d MORE THAN SENT)", received - sent) : "";
        String lost = lost() == 0 ? "0 lost" : String.format("%,d LOST", lost());
        return String.format("%s: sent %,d, received %,d, %s%s", what, sent, received, lost, extra);
    }

    /**
     * Waits up to {@code maxMillis} until {@code received} has caught up with {@code sent} (both final
     * once the senders stopped), then takes the figures.
     */
    static Delivery settle(String what, LongSupplier sent, AtomicLong received, long maxMillis)
            throws InterruptedException {
        long deadline = System.nanoTime() + maxMillis * 1_000_000L;
        while (received.get() < sent.getAsLong() && System.nanoTime() - deadline < 0) {
            Thread.sleep(10);
        }
        return new Delivery(what, sent.getAsLong(), received.get());
    }
}
