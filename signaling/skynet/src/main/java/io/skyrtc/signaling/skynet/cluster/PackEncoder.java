package io.skyrtc.signaling.skynet.cluster;

import static io.skyrtc.signaling.skynet.cluster.SkynetPack.BOOLEAN;
import static io.skyrtc.signaling.skynet.cluster.SkynetPack.LONG_STRING;
import static io.skyrtc.signaling.skynet.cluster.SkynetPack.MAX_COOKIE;
import static io.skyrtc.signaling.skynet.cluster.SkynetPack.MAX_DEPTH;
import static io.skyrtc.signaling.skynet.cluster.SkynetPack.NIL;
import static io.skyrtc.signaling.skynet.cluster.SkynetPack.NUMBER;
import static io.skyrtc.signaling.skynet.cluster.SkynetPack.SHORT_STRING;
import static io.skyrtc.signaling.skynet.cluster.SkynetPack.TABLE;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Java values to lua-seri bytes (the writing half of {@link SkynetPack}). */
final class PackEncoder {
    private PackEncoder() {}

    static void write(PackBuffer out, Object v, int depth) {
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

    static SkynetPackException tooDeep(int depth) {
        return new SkynetPackException("serialize can't pack too depth table (a value at depth " + depth
                + "; skynet allows " + (MAX_DEPTH - 1) + ")");
    }

    /** The smallest form skynet itself picks, so packed bytes match a Lua node's. */
    static void writeInteger(PackBuffer out, long v) {
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

    static void writeString(PackBuffer out, byte[] s) {
        stringHeader(out, s.length);
        out.writeBytes(s, 0, s.length);
    }

    /** UTF-8; the length in bytes is the length in chars when the text is ASCII, the usual case. */
    static void writeString(PackBuffer out, String s) {
        int mark = out.size;
        stringHeader(out, s.length());
        if (!out.writeAscii(s)) {
            out.size = mark;
            writeString(out, s.getBytes(StandardCharsets.UTF_8));
        }
    }

    static void stringHeader(PackBuffer out, int length) {
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
    static void writeMap(PackBuffer out, Map<?, ?> map, int depth) {
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

    static void writeTable(PackBuffer out, List<?> array, Map<?, ?> hash, int depth) {
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
}
