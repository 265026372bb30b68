package io.skyrtc.signaling.skynet.cluster;

/** The growable buffer {@link SkynetPack} writes into, without ByteArrayOutputStream's per-byte locking. */
final class PackBuffer {
    private byte[] buf;
    /** Bytes written; an encoder may move it back to drop what it wrote since a mark. */
    int size;

    PackBuffer() {
        this(128);
    }

    PackBuffer(int capacity) {
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
