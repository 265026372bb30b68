package io.skyrtc.signaling.room;

import java.util.ArrayList;
import java.util.List;

/**
 * The newest frames written to (or queued for) one peer, oldest dropped first, bounded by a frame
 * count and a byte budget. The frames are copied, back to back with a 4-byte length, into one
 * array that grows on demand up to the budget. Holding the frames themselves would keep every
 * relayed frame alive for hundreds of milliseconds: a busy server's young collections then copy
 * megabytes of them on every pause (measured: 8.8 MB at 20k msgs/s, half the pause), whereas one
 * long-lived array costs the collector nothing. Owned by the room actor; not thread-safe.
 */
final class FrameRing {
    static final int HEADER_BYTES = 4;
    private static final int MIN_CAPACITY = 256;
    private static final byte[] EMPTY = new byte[0];

    private final int maxFrames;
    private final int maxBytes;
    private byte[] ring = EMPTY;
    /** Index of the oldest frame's header. */
    private int head;
    /** Bytes held, headers included. */
    private int used;
    private int frames;

    /**
     * @param maxFrames frames held at most
     * @param maxBytes  bytes held at most, counting {@value #HEADER_BYTES} more per frame
     */
    FrameRing(int maxFrames, int maxBytes) {
        if (maxFrames < 1 || maxBytes < HEADER_BYTES + 1) {
            throw new IllegalArgumentException("a ring must hold at least one frame of one byte");
        }
        this.maxFrames = maxFrames;
        this.maxBytes = maxBytes;
    }

    /**
     * Appends a copy of {@code frame}, dropping the oldest frames as the bounds require. A frame over
     * the whole budget is not kept, and neither is anything older (what is kept is always the newest
     * frames, without a gap).
     *
     * @return how many frames were dropped, the given one included when it did not fit
     */
    int add(byte[] frame) {
        int need = frame.length + HEADER_BYTES;
        if (need > maxBytes) {
            int dropped = frames + 1;
            clear();
            return dropped;
        }
        int dropped = 0;
        while (frames > 0 && (frames >= maxFrames || used + need > maxBytes)) {
            dropOldest();
            dropped++;
        }
        if (used + need > ring.length) {
            grow(used + need);
        }
        int tail = wrap(head + used);
        putHeader(tail, frame.length);
        copyIn(wrap(tail + HEADER_BYTES), frame);
        used += need;
        frames++;
        return dropped;
    }

    int size() {
        return frames;
    }

    /** Bytes held, headers included (what the budget counts). */
    int bytes() {
        return used;
    }

    /** Copies of the newest {@code n} frames (at most {@link #size()}), oldest first. */
    List<byte[]> newest(int n) {
        int take = Math.min(Math.max(n, 0), frames);
        List<byte[]> out = new ArrayList<>(take);
        int at = head;
        for (int i = 0; i < frames; i++) {
            int length = header(at);
            if (i >= frames - take) {
                out.add(copyOut(wrap(at + HEADER_BYTES), length));
            }
            at = wrap(at + HEADER_BYTES + length);
        }
        return out;
    }

    /** Every frame, oldest first; the ring is empty afterwards. */
    List<byte[]> drain() {
        List<byte[]> all = newest(frames);
        clear();
        return all;
    }

    /** Forgets every frame and gives the array back (a peer that was busy once stays small after). */
    void clear() {
        ring = EMPTY;
        head = 0;
        used = 0;
        frames = 0;
    }

    private void dropOldest() {
        int length = header(head);
        head = wrap(head + HEADER_BYTES + length);
        used -= HEADER_BYTES + length;
        frames--;
        if (frames == 0) {
            head = 0;
        }
    }

    /** Re-lays the frames from index 0 in an array of at least {@code needed} bytes (within budget). */
    private void grow(int needed) {
        int capacity = Math.max(MIN_CAPACITY, ring.length);
        while (capacity < needed) {
            capacity = capacity > maxBytes / 2 ? maxBytes : capacity * 2;
        }
        byte[] next = new byte[Math.min(capacity, maxBytes)];
        int first = Math.min(used, ring.length - head);
        System.arraycopy(ring, head, next, 0, first);
        System.arraycopy(ring, 0, next, first, used - first);
        ring = next;
        head = 0;
    }

    private int wrap(int index) {
        return index >= ring.length ? index - ring.length : index;
    }

    private void putHeader(int at, int length) {
        for (int shift = 24; shift >= 0; shift -= 8) {
            ring[at] = (byte) (length >>> shift);
            at = wrap(at + 1);
        }
    }

    private int header(int at) {
        int length = 0;
        for (int i = 0; i < HEADER_BYTES; i++) {
            length = (length << 8) | (ring[at] & 0xff);
            at = wrap(at + 1);
        }
        return length;
    }

    private void copyIn(int at, byte[] frame) {
        int first = Math.min(frame.length, ring.length - at);
        System.arraycopy(frame, 0, ring, at, first);
        System.arraycopy(frame, first, ring, 0, frame.length - first);
    }

    private byte[] copyOut(int at, int length) {
        byte[] frame = new byte[length];
        int first = Math.min(length, ring.length - at);
        System.arraycopy(ring, at, frame, 0, first);
        System.arraycopy(ring, 0, frame, first, length - first);
        return frame;
    }
}
