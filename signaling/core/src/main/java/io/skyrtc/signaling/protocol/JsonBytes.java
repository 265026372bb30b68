package io.skyrtc.signaling.protocol;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds the next byte of JSON string content that needs attention, eight bytes at a time: SDP is long
 * runs of plain ASCII, and a byte-by-byte loop over it was the biggest cost left on the relay path.
 * "Attention" means a quote, a backslash, a control character or any byte of a multi-byte UTF-8
 * sequence; a caller may add {@code ?} (see {@link SdpFrames}).
 */
final class JsonBytes {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH = 0x8080808080808080L;
    private static final long QUOTES = ONES * '"';
    private static final long BACKSLASHES = ONES * '\\';
    private static final long QUESTION_MARKS = ONES * '?';
    private static final long SPACES = ONES * 0x20;

    private JsonBytes() {}

    /** Index of the first byte in [from, to) that needs attention, or {@code to}. */
    static int nextSpecial(byte[] b, int from, int to, boolean questionMarks) {
        int i = from;
        long extra = questionMarks ? QUESTION_MARKS : QUOTES; // QUOTES twice = no extra byte
        while (i + 8 <= to) {
            long w = (long) LONGS.get(b, i);
            // classic SWAR tests: (x - 0x01..) & ~x & 0x80.. is non-zero iff some byte of x is zero,
            // and with 0x20.. instead iff some byte is below 0x20; high bits mark non-ASCII bytes
            long hits = ((w - SPACES) & ~w) | zeroByte(w ^ QUOTES) | zeroByte(w ^ BACKSLASHES)
                    | zeroByte(w ^ extra) | w;
            if ((hits & HIGH) != 0) {
                break;
            }
            i += 8;
        }
        while (i < to && !isSpecial(b[i], questionMarks)) {
            i++;
        }
        return i;
    }

    static boolean isSpecial(byte c, boolean questionMarks) {
        return c < 0x20 || c == '"' || c == '\\' || (questionMarks && c == '?'); // c < 0 is non-ASCII
    }

    private static long zeroByte(long v) {
        return (v - ONES) & ~v;
    }
}
