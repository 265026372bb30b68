package io.skyrtc.tokens.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SortedMap;
import java.util.TreeMap;

/** Reads Agora's packing; every read is bounds-checked and throws {@link TruncatedException}. */
public final class LittleEndianReader {
    private final byte[] buf;
    private int pos;

    public LittleEndianReader(byte[] buf) {
        this(buf, 0);
    }

    public LittleEndianReader(byte[] buf, int offset) {
        this.buf = buf;
        this.pos = offset;
    }

    public int position() {
        return pos;
    }

    public int remaining() {
        return buf.length - pos;
    }

    public int u16() {
        need(2);
        int v = (buf[pos] & 0xFF) | (buf[pos + 1] & 0xFF) << 8;
        pos += 2;
        return v;
    }

    public short i16() {
        return (short) u16();
    }

    public long u32() {
        need(4);
        long v = (buf[pos] & 0xFFL) | (buf[pos + 1] & 0xFFL) << 8 | (buf[pos + 2] & 0xFFL) << 16
                | (buf[pos + 3] & 0xFFL) << 24;
        pos += 4;
        return v;
    }

    public byte[] bytes() {
        int len = u16();
        need(len);
        byte[] out = Arrays.copyOfRange(buf, pos, pos + len);
        pos += len;
        return out;
    }

    public String string() {
        return new String(bytes(), StandardCharsets.UTF_8);
    }

    public SortedMap<Integer, Long> u16u32Map() {
        int count = u16();
        SortedMap<Integer, Long> map = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            int key = u16();
            map.put(key, u32());
        }
        return map;
    }

    public byte[] rest() {
        byte[] out = Arrays.copyOfRange(buf, pos, buf.length);
        pos = buf.length;
        return out;
    }

    private void need(int n) {
        if (n > buf.length - pos) {
            throw new TruncatedException("needs " + n + " bytes at offset " + pos + ", has " + (buf.length - pos));
        }
    }

    /** The packed data ended early. */
    public static final class TruncatedException extends RuntimeException {
        TruncatedException(String message) {
            super(message);
        }
    }
}
