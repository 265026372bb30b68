package io.skyrtc.signaling.skynet.cluster;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * skynet's value serialization (lua-seri: {@code skynet.pack}/{@code skynet.unpack}), the body of every
 * cluster message. Java ↔ Lua: null ↔ nil, Boolean ↔ boolean, Long (and Integer/Short/Byte) ↔
 * integer, Double (and Float) ↔ float, String ↔ string (UTF-8), byte[] ↔ string that is not UTF-8,
 * List ↔ table with only an array part, Map ↔ any other table (keys 1..n go to the array part).
 * All numbers inside are little-endian. Layout: docs/ACTOR-CORE.md and the cluster protocol notes.
 * The writing is in {@link PackEncoder}, the reading in {@link PackDecoder}; this is their public face.
 */
public final class SkynetPack {
    /** Values at this depth or deeper cannot be written (skynet's "too depth table"). */
    public static final int MAX_DEPTH = 33;

    static final int NIL = 0, BOOLEAN = 1, NUMBER = 2, USERDATA = 3, SHORT_STRING = 4, LONG_STRING = 5,
            TABLE = 6;
    static final int MAX_COOKIE = 31;

    private SkynetPack() {}



    /** skynet.pack(values...). */
    public static byte[] pack(Object... values) {
        return packAll(java.util.Arrays.asList(values));
    }

    /** skynet.pack of every element of {@code values}, in order (not of the list as one table). */
    public static byte[] packAll(List<?> values) {
        PackBuffer out = new PackBuffer();
        for (Object v : values) {
            PackEncoder.write(out, v, 0);
        }
        return out.toByteArray();
    }

    /**
     * Writes values one at a time, for encoders that walk their own structure instead of building Maps
     * first (a room event: {@code EventTables.pack}). A table is {@link #tableStart}, its array values,
     * its key/value pairs, {@link #tableEnd}; the bytes are what {@link #pack} writes for the same values.
     */
    public static final class Writer {
        private final PackBuffer out;

        public Writer(int capacity) {
            out = new PackBuffer(capacity);
        }

        public void nil() {
            out.write(NIL);
        }

        public void bool(boolean b) {
            out.write(BOOLEAN | (b ? 1 << 3 : 0));
        }

        public void integer(long v) {
            PackEncoder.writeInteger(out, v);
        }

        public void real(double d) {
            out.write(NUMBER | (8 << 3));
            out.le(Double.doubleToRawLongBits(d), 8);
        }

        public void string(String s) {
            PackEncoder.writeString(out, s);
        }

        /** Bytes {@link #integer} writes for {@code v} (to size a buffer exactly). */
        public static int integerBytes(long v) {
            if (v == 0) {
                return 1;
            }
            if (v != (int) v) {
                return 9;
            }
            return v < 0 || v >= 0x10000 ? 5 : v < 0x100 ? 2 : 3;
        }

        /** Bytes {@link #pack} produced before (a constant key, say), as they are. */
        public void raw(byte[] packed) {
            out.writeBytes(packed, 0, packed.length);
        }

        public void raw(byte[] packed, int from, int length) {
            out.writeBytes(packed, from, length);
        }

        /** A table with {@code arraySize} array values to follow, then key/value pairs, then {@link #tableEnd}. */
        public void tableStart(int arraySize) {
            if (arraySize < MAX_COOKIE) {
                out.write(TABLE | (arraySize << 3));
            } else {
                out.write(TABLE | (MAX_COOKIE << 3));
                PackEncoder.writeInteger(out, arraySize);
            }
        }

        public void tableEnd() {
            out.write(NIL);
        }

        /** Checks a value's depth as {@link #pack} does (the outermost value is at depth 0). */
        public static void checkDepth(int depth) {
            if (depth >= MAX_DEPTH) {
                throw PackEncoder.tooDeep(depth);
            }
        }

        public byte[] toByteArray() {
            return out.toByteArray();
        }
    }

    /**
     * skynet.unpack: every value in the buffer, in order (nil → null). A table nested deeper than the
     * writer allows ({@link #MAX_DEPTH}) is refused: no skynet node writes one, and unbounded recursion
     * on a peer's bytes would overflow the stack.
     */
    public static List<Object> unpack(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        List<Object> values = new ArrayList<>();
        while (in.hasRemaining()) {
            values.add(PackDecoder.read(in, in.get() & 0xff, 0));
        }
        return values;
    }

}
