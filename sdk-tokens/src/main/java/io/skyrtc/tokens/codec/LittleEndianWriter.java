package io.skyrtc.tokens.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.SortedMap;

/** Agora's packing: little-endian u16/u32, u16-length-prefixed byte strings, sorted u16→u32 maps. */
public final class LittleEndianWriter {
    private byte[] buf;
    private int size;

    public LittleEndianWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    public LittleEndianWriter u16(int value) {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException("u16 out of range: " + value);
        }
        ensure(2);
        buf[size++] = (byte) value;
        buf[size++] = (byte) (value >>> 8);
        return this;
    }

    public LittleEndianWriter u32(long value) {
        ensure(4);
        buf[size++] = (byte) value;
        buf[size++] = (byte) (value >>> 8);
        buf[size++] = (byte) (value >>> 16);
        buf[size++] = (byte) (value >>> 24);
        return this;
    }

    public LittleEndianWriter bytes(byte[] value) {
        u16(value.length);
        return raw(value);
    }

    public LittleEndianWriter string(String value) {
        return bytes(value.getBytes(StandardCharsets.UTF_8));
    }

    public LittleEndianWriter raw(byte[] value) {
        ensure(value.length);
        System.arraycopy(value, 0, buf, size, value.length);
        size += value.length;
        return this;
    }

    /** Keys must already be sorted ascending (callers pass a {@link SortedMap}). */
    public LittleEndianWriter u16u32Map(SortedMap<Integer, Long> map) {
        u16(map.size());
        for (Map.Entry<Integer, Long> e : map.entrySet()) {
            u16(e.getKey());
            u32(e.getValue());
        }
        return this;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }
}
