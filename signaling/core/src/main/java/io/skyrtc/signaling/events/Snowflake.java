package io.skyrtc.signaling.events;

import java.time.Clock;
import java.time.Instant;

/**
 * 64-bit event ids: 41 bits of milliseconds since 2026-01-01T00:00Z, 10 bits of node id, 12 bits of
 * sequence. Ids only ever grow: when the clock steps back, the last timestamp is kept and the
 * sequence continues (borrowing the next millisecond when it overflows), so ids never repeat.
 */
public final class Snowflake {
    static final long EPOCH_MS = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    private static final int SEQUENCE_BITS = 12;
    private static final long MAX_SEQUENCE = (1L << SEQUENCE_BITS) - 1;

    private final Clock clock;
    private final long node;
    private long lastMs = -1;
    private long sequence;

    public Snowflake(int nodeId, Clock clock) {
        if (nodeId < 0 || nodeId > 1023) {
            throw new IllegalArgumentException("node id must be 0..1023");
        }
        this.node = nodeId;
        this.clock = clock;
    }

    public synchronized long next() {
        long now = clock.millis() - EPOCH_MS;
        if (now > lastMs) {
            lastMs = now;
            sequence = 0;
        } else if (++sequence > MAX_SEQUENCE) {
            lastMs++;  // same or earlier millisecond, sequence used up: move on, never back
            sequence = 0;
        }
        return (lastMs << 22) | (node << SEQUENCE_BITS) | sequence;
    }

    public static long millisOf(long id) {
        return (id >>> 22) + EPOCH_MS;
    }

    public static int nodeOf(long id) {
        return (int) ((id >>> SEQUENCE_BITS) & 1023);
    }
}
