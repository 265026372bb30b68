package io.skyrtc.signaling.ws;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;

/**
 * What one connection handed to Jetty that Jetty has not written to the socket yet, bounded in frames
 * and in bytes: a client that stops reading holds at most {@code maxBytes} of the heap (frames can be
 * 64 KiB each, so a frame count alone allowed ~64 MB per client). A frame that would pass either bound
 * is refused and the caller drops the consumer; one frame larger than the whole byte bound still
 * passes when nothing else is queued, so a reading client is never dropped for one big message.
 * Frames sent while the thread is reading go into Jetty's batch buffer and are written by the
 * thread's {@link OutboundBatch}.
 */
final class OutboundQueue {
    private final int maxFrames;
    private final long maxBytes;
    private final AtomicInteger frames = new AtomicInteger();
    private final AtomicLong bytes = new AtomicLong();
    /** Set while frames sit in Jetty's batch buffer waiting for a reading thread's flush. */
    private final AtomicBoolean flushPending = new AtomicBoolean();
    private volatile CoreSession session;
    /** The node's total over every connection (a metrics gauge; an adder: every connection writes it per frame). */
    private final LongAdder nodeBytes;

    OutboundQueue(int maxFrames, long maxBytes) {
        this(maxFrames, maxBytes, new LongAdder());
    }

    OutboundQueue(int maxFrames, long maxBytes, LongAdder nodeBytes) {
        this.maxFrames = maxFrames;
        this.maxBytes = maxBytes;
        this.nodeBytes = nodeBytes;
    }

    /** Hands one frame to Jetty; false (nothing sent) when it does not fit: the caller drops the consumer. */
    boolean send(CoreSession s, byte opCode, byte[] payload) {
        if (!tryAdd(payload.length)) {
            return false;
        }
        session = s;
        OutboundBatch batch = OutboundBatch.current();
        boolean batched = batch.isReading();
        s.sendFrame(new Frame(opCode, ByteBuffer.wrap(payload)), new Written(this, payload.length), batched);
        // enqueue first, then mark: a flush that clears the mark after this point covers this frame
        if (batched && flushPending.compareAndSet(false, true)) {
            batch.add(this);
        }
        return true;
    }

    /** Writes what Jetty's batch buffer holds for this connection (called by the reading thread's batch). */
    void flushBatch() {
        flushPending.set(false);
        CoreSession s = session;
        if (s != null) {
            s.flush(Callback.NOOP);
        }
    }

    /** Gives a frame's place back once Jetty wrote it (or gave up). */
    private record Written(OutboundQueue queue, int size) implements Callback {
        @Override
        public void succeeded() {
            queue.release(size);
        }

        @Override
        public void failed(Throwable x) {
            queue.release(size);
        }
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
        nodeBytes.add(size);
        return true;
    }

    /** A reserved frame was written (or failed). */
    void release(int size) {
        bytes.addAndGet(-size);
        nodeBytes.add(-size);
        frames.decrementAndGet();
    }

    int frames() {
        return frames.get();
    }

    long bytes() {
        return bytes.get();
    }
}
