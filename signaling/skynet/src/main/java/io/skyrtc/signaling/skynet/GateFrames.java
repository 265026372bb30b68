package io.skyrtc.signaling.skynet;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * skynet's standard gate framing: a 2-byte big-endian length, then that many bytes (0..65535).
 * A longer payload cannot be framed: skynet's gate would silently mis-frame the stream, so it is
 * refused here, never truncated.
 */
public final class GateFrames {
    public static final int MAX_PAYLOAD = 65_535;

    private GateFrames() {}

    /** Thrown for a payload that does not fit the 16-bit length. */
    public static final class TooLarge extends IOException {
        public TooLarge(int length) {
            super("payload of " + length + " bytes exceeds the gate's 65535-byte packet limit");
        }
    }

    public static byte[] frame(byte[] payload) throws TooLarge {
        if (payload.length > MAX_PAYLOAD) {
            throw new TooLarge(payload.length);
        }
        byte[] out = new byte[payload.length + 2];
        out[0] = (byte) (payload.length >>> 8);
        out[1] = (byte) payload.length;
        System.arraycopy(payload, 0, out, 2, payload.length);
        return out;
    }

    /** The next packet's payload, or null on a clean end of stream between packets. */
    public static byte[] read(InputStream in) throws IOException {
        int hi = in.read();
        if (hi < 0) {
            return null;
        }
        int lo = in.read();
        if (lo < 0) {
            throw new EOFException("stream ended inside a packet header");
        }
        int length = (hi << 8) | lo;
        byte[] payload = in.readNBytes(length);
        if (payload.length != length) {
            throw new EOFException("stream ended inside a packet (" + payload.length + " of " + length + " bytes)");
        }
        return payload;
    }
}
