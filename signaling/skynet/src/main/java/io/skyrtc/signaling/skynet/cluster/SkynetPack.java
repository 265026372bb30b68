package io.skyrtc.signaling.skynet.cluster;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * skynet's value serialization (lua-seri: {@code skynet.pack}/{@code skynet.unpack}), the body of every
 * cluster message. Java ↔ Lua: null ↔ nil, Boolean ↔ boolean, Long (and Integer/Short/Byte) ↔
 * integer, Double (and Float) ↔ float, String ↔ string (UTF-8), byte[] ↔ string that is not UTF-8,
 * List ↔ table with only an array part, Map ↔ any other table (keys 1..n go to the array part).
 * All numbers inside are little-endian. Layout: docs/ACTOR-CORE.md and the cluster protocol notes.
 */
public final class SkynetPack {
    /** Values at this depth or deeper cannot be written (skynet's "too depth table"). */
    public static final int MAX_DEPTH = 33;

    private static final int NIL = 0, BOOLEAN = 1, NUMBER = 2, USERDATA = 3, SHORT_STRING = 4, LONG_STRING = 5,
            TABLE = 6;
    private static final int MAX_COOKIE = 31;

    private SkynetPack() {}

    // ---- encoding ------------------------------------------------------------------------------

    /** skynet.pack(values...). */
    public static byte[] pack(Object... values) {
        return packAll(java.util.Arrays.asList(values));
    }

    /** skynet.pack of every element of {@code values}, in order (not of the list as one table). */
    public static byte[] packAll(List<?> values) {
        Out out = new Out();
        for (Object v : values) {
            write(out, v, 0);
        }
        return out.toByteArray();
    }

    /**
     * Writes values one at a time, for encoders that walk their own structure instead of building Maps
     * first (a room event: {@code EventTables.pack}). A table is {@link #tableStart}, its array values,
     * its key/value pairs, {@link #tableEnd}; the bytes are what {@link #pack} writes for the same values.
     */
    public static final class Writer {
        private final Out out;

        public Writer(int capacity) {
            out = new Out(capacity);
        }

        public void nil() {
            out.write(NIL);
        }

        public void bool(boolean b) {
            out.write(BOOLEAN | (b ? 1 << 3 : 0));
        }

        public void integer(long v) {
            writeInteger(out, v);
        }

        public void real(double d) {
            out.write(NUMBER | (8 << 3));
            out.le(Double.doubleToRawLongBits(d), 8);
        }

        public void string(String s) {
            writeString(out, s);
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
                writeInteger(out, arraySize);
            }
        }

        public void tableEnd() {
            out.write(NIL);
        }

        /** Checks a value's depth as {@link #pack} does (the outermost value is at depth 0). */
        public static void checkDepth(int depth) {
            if (depth >= MAX_DEPTH) {
                throw tooDeep(depth);
            }
        }

        public byte[] toByteArray() {
            return out.toByteArray();
        }
    }

    /** A growable buffer without ByteArrayOutputStream's per-byte locking. */
    private static final class Out {
        private byte[] buf;
        private int size;

        Out() {
            this(128);
        }

        Out(int capacity) {
            buf = new byte[Math.max(16, capacity)];
        }

        void write(int b) {
            ensure(1);
            buf[size++] = (byte) b;
        }

        void le(long v, int bytes) {
            ensure(bytes);
            for (int i = 0; i < bytes; i++) {
                buf[size++] = (byte) (v >>> (8 * i));
            }
        }

        void writeBytes(byte[] b, int from, int length) {
            ensure(length);
            System.arraycopy(b, from, buf, size, length);
            size += length;
        }

        /** ASCII text as its bytes, no byte[] in between; false (nothing written) for any other text. */
        boolean writeAscii(String s) {
            int n = s.length();
            ensure(n);
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                if (c >= 0x80) {
                    return false;
                }
                buf[size + i] = (byte) c;
            }
            size += n;
            return true;
        }

        /** The bytes written (the buffer itself when it is exactly full: sized right, nothing to copy). */
        byte[] toByteArray() {
            return size == buf.length ? buf : java.util.Arrays.copyOf(buf, size);
        }

        private void ensure(int n) {
            if (size + n > buf.length) {
                buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
            }
        }
    }

    private static void write(Out out, Object v, int depth) {
        if (depth >= MAX_DEPTH) {
            throw tooDeep(depth);
        }
        if (v == null) {
            out.write(NIL);
        } else if (v instanceof Boolean b) {
            out.write(BOOLEAN | (b ? 1 << 3 : 0));
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            writeInteger(out, ((Number) v).longValue());
        } else if (v instanceof Double || v instanceof Float) {
            out.write(NUMBER | (8 << 3));
            out.le(Double.doubleToRawLongBits(((Number) v).doubleValue()), 8);
        } else if (v instanceof String s) {
            writeString(out, s);
        } else if (v instanceof byte[] bytes) {
            writeString(out, bytes);
        } else if (v instanceof List<?> list) {
            writeTable(out, list, Map.of(), depth);
        } else if (v instanceof Map<?, ?> map) {
            writeMap(out, map, depth);
        } else {
            throw new SkynetPackException("cannot pack a " + v.getClass().getName()
                    + " (use null, Boolean, Long, Double, String, byte[], List or Map)");
        }
    }

    private static SkynetPackException tooDeep(int depth) {
        return new SkynetPackException("serialize can't pack too depth table (a value at depth " + depth
                + "; skynet allows " + (MAX_DEPTH - 1) + ")");
    }

    /** The smallest form skynet itself picks, so packed bytes match a Lua node's. */
    private static void writeInteger(Out out, long v) {
        if (v == 0) {
            out.write(NUMBER);
        } else if (v != (int) v) {
            out.write(NUMBER | (6 << 3));
            out.le(v, 8);
        } else if (v < 0) {
            out.write(NUMBER | (4 << 3));
            out.le(v, 4);
        } else if (v < 0x100) {
            out.write(NUMBER | (1 << 3));
            out.write((int) v);
        } else if (v < 0x10000) {
            out.write(NUMBER | (2 << 3));
            out.le(v, 2);
        } else {
            out.write(NUMBER | (4 << 3));
            out.le(v, 4);
        }
    }

    private static void writeString(Out out, byte[] s) {
        stringHeader(out, s.length);
        out.writeBytes(s, 0, s.length);
    }

    /** UTF-8; the length in bytes is the length in chars when the text is ASCII, the usual case. */
    private static void writeString(Out out, String s) {
        int mark = out.size;
        stringHeader(out, s.length());
        if (!out.writeAscii(s)) {
            out.size = mark;
            writeString(out, s.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void stringHeader(Out out, int length) {
        if (length < 32) {
            out.write(SHORT_STRING | (length << 3));
        } else if (length < 0x10000) {
            out.write(LONG_STRING | (2 << 3));
            out.le(length, 2);
        } else {
            out.write(LONG_STRING | (4 << 3));
            out.le(length, 4);
        }
    }

    /** Keys 1, 2, ... n present as integers form the array part, like Lua's {@code #t}; the rest is hash. */
    private static void writeMap(Out out, Map<?, ?> map, int depth) {
        if (!map.containsKey(1L) && !map.containsKey(1)) {
            // no array part (a record-like table, e.g. a room event): every pair goes to the hash part as is
            out.write(TABLE);
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (e.getKey() == null) {
                    throw new SkynetPackException("a table key cannot be nil (null)");
                }
                if (e.getValue() != null) {
                    write(out, e.getKey(), depth + 1);
                    write(out, e.getValue(), depth + 1);
                }
            }
            out.write(NIL);
            return;
        }
        List<Object> array = new ArrayList<>();
        for (long i = 1; ; i++) {
            Object key = map.containsKey(i) ? (Object) i : map.containsKey((int) i) ? (Object) (int) i : null;
            if (key == null || map.get(key) == null) {
                break;
            }
            array.add(map.get(key));
        }
        Map<Object, Object> hash = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            Object k = e.getKey();
            if (k == null) {
                throw new SkynetPackException("a table key cannot be nil (null)");
            }
            boolean inArray = (k instanceof Long || k instanceof Integer) && ((Number) k).longValue() >= 1
                    && ((Number) k).longValue() <= array.size();
            if (!inArray && e.getValue() != null) {
                hash.put(k, e.getValue());
            }
        }
        writeTable(out, array, hash, depth);
    }

    private static void writeTable(Out out, List<?> array, Map<?, ?> hash, int depth) {
        int n = array.size();
        if (n < MAX_COOKIE) {
            out.write(TABLE | (n << 3));
        } else {
            out.write(TABLE | (MAX_COOKIE << 3));
            writeInteger(out, n);
        }
        for (Object v : array) {
            if (v == null) {
                throw new SkynetPackException("a Lua array cannot hold nil (null at a list position)");
            }
            write(out, v, depth + 1);
        }
        for (Map.Entry<?, ?> e : hash.entrySet()) {
            write(out, e.getKey(), depth + 1);
            write(out, e.getValue(), depth + 1);
        }
        out.write(NIL);
    }

    // ---- decoding ------------------------------------------------------------------------------

    /**
     * skynet.unpack: every value in the buffer, in order (nil → null). A table nested deeper than the
     * writer allows ({@link #MAX_DEPTH}) is refused: no skynet node writes one, and unbounded recursion
     * on a peer's bytes would overflow the stack.
     */
    public static List<Object> unpack(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        List<Object> values = new ArrayList<>();
        while (in.hasRemaining()) {
            values.add(read(in, in.get() & 0xff, 0));
        }
        return values;
    }

    private static Object read(ByteBuffer in, int typeByte, int depth) {
        int type = typeByte & 7, cookie = typeByte >>> 3;
        try {
            return switch (type) {
                case NIL -> null;
                case BOOLEAN -> cookie != 0;
                case NUMBER -> readNumber(in, cookie);
                case USERDATA -> throw new SkynetPackException(
                        "light userdata (a pointer of another process) cannot be unpacked here");
                case SHORT_STRING -> string(take(in, cookie));
                case LONG_STRING -> string(take(in, switch (cookie) {
                    case 2 -> in.getShort() & 0xffff;
                    case 4 -> checkedLength(in.getInt() & 0xffffffffL, in);
                    default -> throw new SkynetPackException("bad long-string cookie " + cookie);
                }));
                case TABLE -> readTable(in, cookie, depth);
                default -> throw new SkynetPackException("unknown type " + type + " (byte 0x"
                        + Integer.toHexString(typeByte) + ")");
            };
        } catch (java.nio.BufferUnderflowException e) {
            throw new SkynetPackException("buffer ends inside a value (type byte 0x" + Integer.toHexString(typeByte) + ")");
        }
    }

    private static int checkedLength(long length, ByteBuffer in) {
        if (length > in.remaining()) {
            throw new SkynetPackException("string of " + length + " bytes, only " + in.remaining() + " left");
        }
        return (int) length;
    }

    private static Object readNumber(ByteBuffer in, int cookie) {
        return switch (cookie) {
            case 0 -> 0L;
            case 1 -> (long) (in.get() & 0xff);
            case 2 -> (long) (in.getShort() & 0xffff);
            case 4 -> (long) in.getInt();
            case 6 -> in.getLong();
            case 8 -> in.getDouble();
            default -> throw new SkynetPackException("bad number cookie " + cookie);
        };
    }

    private static byte[] take(ByteBuffer in, int length) {
        checkedLength(length, in);
        byte[] b = new byte[length];
        in.get(b);
        return b;
    }

    /** Text when the bytes are valid UTF-8, else the bytes themselves. */
    private static Object string(byte[] bytes) {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return chars.toString();
        } catch (CharacterCodingException e) {
            return bytes;
        }
    }

    private static Object readTable(ByteBuffer in, int cookie, int depth) {
        if (depth >= MAX_DEPTH) {
            throw new SkynetPackException("unpack can't unpack too depth table (a table at depth " + depth
                    + "; skynet writes them down to depth " + (MAX_DEPTH - 1) + ")");
        }
        long n = cookie;
        if (cookie == MAX_COOKIE) {
            int t = in.get() & 0xff;
            if ((t & 7) != NUMBER || !(readNumber(in, t >>> 3) instanceof Long len) || len < 0 || len > in.remaining()) {
                throw new SkynetPackException("bad array length in a table");
            }
            n = len;
        }
        List<Object> array = new ArrayList<>((int) n);
        for (long i = 0; i < n; i++) {
            array.add(read(in, in.get() & 0xff, depth + 1));
        }
        Map<Object, Object> hash = null;
        while (true) {
            Object key = read(in, in.get() & 0xff, depth + 1);
            if (key == null) {
                break;
            }
            Object value = read(in, in.get() & 0xff, depth + 1);
            if (hash == null) {
                hash = new LinkedHashMap<>();
                for (int i = 0; i < array.size(); i++) {
                    hash.put((long) (i + 1), array.get(i));
                }
            }
            hash.put(key, value);
        }
        return hash == null ? array : hash;
    }
}
