package io.skyrtc.signaling.ws;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one connection handed to Jetty that Jetty has not written to the socket yet, bounded in frames
 * and in bytes: a client that stops reading holds at most {@code maxBytes} of the heap (frames can be
 * 64 KiB each, so a frame count alone allowed ~64 MB per client). A frame that would pass either bound
 * is refused and the caller drops the consumer; one frame larger than the whole byte bound still
 * passes when nothing else is queued, so a reading client is never dropped for one big message.
 */
final class OutboundQueue {
    private final int maxFrames;
    private final long maxBytes;
    private final AtomicInteger frames = new AtomicInteger();
    private final AtomicLong bytes = new AtomicLong();

    OutboundQueue(int maxFrames, long maxBytes) {
        this.maxFrames = maxFrames;
        this.maxBytes = maxBytes;
    }

    /** Reserves room for one frame of {@code size} bytes; false (nothing reserved) when it does not fit. */
    boolean tryAdd(int size) {
        if (frames.incrementAndGet() > maxFrames) {
            frames.decrementAndGet();
            return false;
        }
        long after = bytes.addAndGet(size);
        if (after > maxBytes && after != size) {
            bytes.addAndGet(-size);
            frames.decrementAndGet();
            return false;
        }
        return true;
    }

    /** A reserved frame was written (or failed). */
    void release(int size) {
        bytes.addAndGet(-size);
        frames.decrementAndGet();
    }

    int frames() {
        return frames.get();
    }

    long bytes() {
        return bytes.get();
    }
}
