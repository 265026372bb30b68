package io.skyrtc.signaling.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Looks into a received frame's bytes without decoding it (the generator must stay cheap). */
final class Payloads {
    static final byte[] OFFER = "{\"type\":\"offer\"".getBytes(StandardCharsets.US_ASCII);
    static final byte[] WELCOME = "{\"type\":\"welcome\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] STAMP = "\"sdp\":\"t=".getBytes(StandardCharsets.US_ASCII);

    private Payloads() {}

    static boolean startsWith(ByteBuffer b, int offset, int length, byte[] prefix) {
        if (length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b.get(offset + i) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** A top-level string field's value (fields the server writes for us are plain ASCII), or null. */
    static String field(ByteBuffer b, int offset, int length, String name) {
        byte[] key = ("\"" + name + "\":\"").getBytes(StandardCharsets.US_ASCII);
        int at = indexOf(b, offset, length, key);
        if (at < 0) {
            return null;
        }
        int start = at + key.length;
        int end = start;
        while (end < offset + length && b.get(end) != '"') {
            end++;
        }
        byte[] value = new byte[end - start];
        b.get(start, value);
        return new String(value, StandardCharsets.US_ASCII);
    }

    /** The nanoTime the latency scenario wrote as {@code "sdp":"t=<nanos>;...}, or -1. */
    static long stamp(ByteBuffer b, int offset, int length) {
        int at = indexOf(b, offset, length, STAMP);
        if (at < 0) {
            return -1;
        }
        long v = 0;
        for (int i = at + STAMP.length; i < offset + length; i++) {
            byte c = b.get(i);
            if (c < '0' || c > '9') {
                return v;
            }
            v = v * 10 + (c - '0');
        }
        return -1;
    }

    private static int indexOf(ByteBuffer b, int offset, int length, byte[] needle) {
        outer:
        for (int i = offset; i <= offset + length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (b.get(i + j) != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
