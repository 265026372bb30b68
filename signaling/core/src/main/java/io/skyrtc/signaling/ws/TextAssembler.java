package io.skyrtc.signaling.ws;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;

/**
 * Joins one connection's data frames into whole text messages, at most {@code max} bytes. A whole
 * message in one frame (the usual case) is copied into the reading thread's scratch array, which the
 * caller decodes before it reads again, so the common path allocates nothing per message. Only a
 * fragmented message gets an array of its own, and nothing is kept between messages, so an idle
 * connection holds no buffer.
 */
final class TextAssembler {
    enum Result { INCOMPLETE, COMPLETE, TOO_LARGE, BINARY, BAD_SEQUENCE }

    /** Reused by every connection read on this thread; grown on demand, never past SCRATCH_MAX. */
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[4096]);
    private static final int SCRATCH_MAX = 64 * 1024;

    private final int max;
    private byte[] bytes;
    private int length;
    private boolean open;

    TextAssembler(int max) {
        this.max = max;
    }

    Result accept(Frame frame) {
        byte op = frame.getOpCode();
        if (op == OpCode.BINARY) {
            return Result.BINARY;
        }
        ByteBuffer payload = frame.getPayload();
        int n = payload == null ? 0 : payload.remaining();
        if (op == OpCode.TEXT) {
            if (open) {
                return Result.BAD_SEQUENCE;
            }
            if (n > max) {
                return Result.TOO_LARGE;
            }
            bytes = frame.isFin() ? scratch(n) : new byte[Math.min(max, Math.max(n * 2, 256))];
            length = 0;
        } else if (!open) {
            return Result.BAD_SEQUENCE;
        } else if ((long) length + n > max) {
            open = false;
            bytes = null;
            return Result.TOO_LARGE;
        } else if (length + n > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.min(max, Math.max(length + n, bytes.length * 2)));
        }
        if (n > 0) {
            payload.get(payload.position(), bytes, length, n);
            length += n;
        }
        open = !frame.isFin();
        return open ? Result.INCOMPLETE : Result.COMPLETE;
    }

    /** The completed message is {@code bytes()[0..length())}, valid until {@link #release}. */
    byte[] bytes() {
        return bytes;
    }

    int length() {
        return length;
    }

    /** Lets go of the completed message (it may be the thread's scratch array). */
    void release() {
        bytes = null;
        length = 0;
    }

    private static byte[] scratch(int n) {
        byte[] s = SCRATCH.get();
        if (n <= s.length) {
            return s;
        }
        if (n > SCRATCH_MAX) {
            return new byte[n];
        }
        s = new byte[Math.min(SCRATCH_MAX, Math.max(n, s.length * 2))];
        SCRATCH.set(s);
        return s;
    }
}
