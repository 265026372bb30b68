package io.skyrtc.signaling.ws;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;

/**
 * Joins one connection's data frames into whole text messages, at most {@code max} bytes. A whole
 * message in one frame (the usual case) is copied once, straight out of the network buffer; nothing
 * is kept between messages, so an idle connection holds no buffer.
 */
final class TextAssembler {
    enum Result { INCOMPLETE, COMPLETE, TOO_LARGE, BINARY, BAD_SEQUENCE }

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
            bytes = new byte[frame.isFin() ? n : Math.min(max, Math.max(n * 2, 256))];
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

    /** The completed message's bytes, exactly; the assembler lets go of them. */
    byte[] take() {
        byte[] whole = length == bytes.length ? bytes : Arrays.copyOf(bytes, length);
        bytes = null;
        length = 0;
        return whole;
    }
}
