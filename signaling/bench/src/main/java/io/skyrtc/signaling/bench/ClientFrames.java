package io.skyrtc.signaling.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/** RFC 6455 from the client side, only what the load generator needs: masked text frames out, server frames in. */
final class ClientFrames {
    static final int OP_TEXT = 0x1;
    static final int OP_CLOSE = 0x8;
    static final int OP_PING = 0x9;

    private ClientFrames() {}

    /** One final, masked text frame (a fresh random mask key, as RFC 6455 asks of clients). */
    static byte[] text(String payload) {
        return text(payload.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] text(byte[] payload) {
        return frame(OP_TEXT, payload);
    }

    static byte[] frame(int opcode, byte[] payload) {
        int n = payload.length;
        int header = n < 126 ? 2 : n <= 0xFFFF ? 4 : 10;
        byte[] out = new byte[header + 4 + n];
        out[0] = (byte) (0x80 | opcode);
        if (n < 126) {
            out[1] = (byte) (0x80 | n);
        } else if (n <= 0xFFFF) {
            out[1] = (byte) (0x80 | 126);
            out[2] = (byte) (n >>> 8);
            out[3] = (byte) n;
        } else {
            out[1] = (byte) (0x80 | 127);
            for (int i = 0; i < 8; i++) {
                out[2 + i] = (byte) ((long) n >>> (56 - 8 * i));
            }
        }
        int mask = ThreadLocalRandom.current().nextInt();
        int m = header;
        out[m] = (byte) (mask >>> 24);
        out[m + 1] = (byte) (mask >>> 16);
        out[m + 2] = (byte) (mask >>> 8);
        out[m + 3] = (byte) mask;
        for (int i = 0; i < n; i++) {
            out[m + 4 + i] = (byte) (payload[i] ^ out[m + (i & 3)]);
        }
        return out;
    }

    /**
     * Length of the whole server frame starting at {@code in.position()}, or -1 when its header is not
     * all there yet. Server frames are never masked.
     */
    static long frameLength(ByteBuffer in) {
        int p = in.position();
        int avail = in.remaining();
        if (avail < 2) {
            return -1;
        }
        int len7 = in.get(p + 1) & 0x7F;
        if (len7 < 126) {
            return 2L + len7;
        }
        if (len7 == 126) {
            return avail < 4 ? -1 : 4L + (in.getShort(p + 2) & 0xFFFF);
        }
        return avail < 10 ? -1 : 10L + in.getLong(p + 2);
    }

    static int headerLength(ByteBuffer in) {
        int len7 = in.get(in.position() + 1) & 0x7F;
        return len7 < 126 ? 2 : len7 == 126 ? 4 : 10;
    }

    /**
     * A text frame whose payload has one fixed-width decimal field filled in per send (the latency
     * scenario's timestamp). The frame is masked once, up front, and each send rewrites only the
     * field's masked digits into the caller's buffer: no allocation and no re-masking per message, so
     * the generator neither collects garbage nor spends CPU that the server it measures needs. The
     * mask key is therefore fixed per frame template; masking guards browsers' intermediaries, not
     * the server, which unmasks any key the same way.
     */
    static final class Stamped {
        private static final int DIGITS = 19;
        private final byte[] frame;
        private final int maskAt;
        private final int digitsAt;

        Stamped(String before, String after) {
            int at = before.getBytes(StandardCharsets.UTF_8).length;
            this.frame = text((before + "0".repeat(DIGITS) + after).getBytes(StandardCharsets.UTF_8));
            int len7 = frame[1] & 0x7F;
            this.maskAt = len7 < 126 ? 2 : len7 == 126 ? 4 : 10;
            this.digitsAt = maskAt + 4 + at;
        }

        int length() {
            return frame.length;
        }

        /** Puts the whole frame, carrying {@code value} (≥ 0), at {@code out}'s position. */
        void writeTo(ByteBuffer out, long value) {
            int start = out.position();
            out.put(frame);
            long v = value;
            for (int i = digitsAt + DIGITS - 1; i >= digitsAt; i--) {
                byte digit = (byte) ('0' + v % 10);
                out.put(start + i, (byte) (digit ^ frame[maskAt + ((i - maskAt - 4) & 3)]));
                v /= 10;
            }
        }
    }

    static String handshake(String host, String path, String key) {
        return "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
    }

    /**
     * The upgrade a desktop Chromium sends from a page served by the same host (header set, order and
     * sizes as captured from Chrome 13x; about 750 bytes with the cookie): Origin, a long User-Agent,
     * Accept-Encoding/Language, a few analytics-sized cookies and the permessage-deflate offer every
     * browser makes. Whether the server accepts that offer is part of what a browser costs it.
     */
    static String browserHandshake(String host, String path, String key) {
        return "GET " + path + " HTTP/1.1\r\n"
                + "Host: " + host + "\r\n"
                + "Connection: Upgrade\r\n"
                + "Pragma: no-cache\r\n"
                + "Cache-Control: no-cache\r\n"
                + "User-Agent: Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "Chrome/131.0.0.0 Safari/537.36\r\n"
                + "Upgrade: websocket\r\n"
                + "Origin: http://" + host + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + "Accept-Encoding: gzip, deflate, br, zstd\r\n"
                + "Accept-Language: en-US,en;q=0.9,zh-CN;q=0.8,zh;q=0.7\r\n"
                + "Cookie: _ga=GA1.1.1234567890.1733400000; _ga_ABCDEF1234=GS1.1.1733400000.3.1.1733400123.0.0.0; "
                + "session=eyJ1aWQiOiIxMjM0NTY3ODkwIiwidCI6MTczMzQwMDAwMH0.c2lnbmF0dXJlc2lnbmF0dXJlc2lnbmF0dXJl\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\n"
                + "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n\r\n";
    }

    /**
     * Copies a masked client {@code frame} into {@code out} under a fresh random mask key, as a browser
     * masks every frame with its own key (the frame keeps its payload; only the key and the masked bytes
     * change).
     */
    static void putRemasked(byte[] frame, ByteBuffer out) {
        int start = out.position();
        out.put(frame);
        remask(out, start, frame.length);
    }

    /** Re-masks the masked client frame at {@code out[start, start+length)} in place under a fresh key. */
    static void remask(ByteBuffer out, int start, int length) {
        int len7 = out.get(start + 1) & 0x7F;
        int maskAt = start + (len7 < 126 ? 2 : len7 == 126 ? 4 : 10);
        int fresh = ThreadLocalRandom.current().nextInt();
        int old = out.getInt(maskAt);
        int delta = old ^ fresh;
        out.putInt(maskAt, fresh);
        int p = maskAt + 4;
        int end = start + length;
        // XOR with (old ^ fresh) undoes the old key and applies the new one, four bytes at a time
        for (; p + 4 <= end; p += 4) {
            out.putInt(p, out.getInt(p) ^ delta);
        }
        for (int i = 0; p < end; p++, i++) {
            out.put(p, (byte) (out.get(p) ^ (delta >>> (24 - 8 * i))));
        }
    }

    static String newKey() {
        byte[] k = new byte[16];
        ThreadLocalRandom.current().nextBytes(k);
        return Base64.getEncoder().encodeToString(k);
    }

    static String expectedAccept(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(
                    (key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
