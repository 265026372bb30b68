package io.skyrtc.tokens.tencent;

import io.skyrtc.tokens.TokenException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The userbuf of a PrivateMapKey (big-endian): version (0 numeric room, 1 string room), account,
 * sdkappid, numeric room id (0 for string rooms), absolute expiry, privilege bitmap, account type
 * and, for version 1, the string room id. Text is packed as ASCII, which {@link TencentNames} ensures.
 */
public record PrivateMapKeyBuf(int version, String account, long sdkAppId, long roomId, long expireAt,
                               long privileges, long accountType, String roomStr) {

    public byte[] encode() {
        byte[] acc = account.getBytes(StandardCharsets.US_ASCII);
        byte[] room = roomStr == null ? new byte[0] : roomStr.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(1 + 2 + acc.length + 20 + (version == 1 ? 2 + room.length : 0));
        b.put((byte) version).putShort((short) acc.length).put(acc)
                .putInt((int) sdkAppId).putInt((int) roomId).putInt((int) expireAt).putInt((int) privileges)
                .putInt((int) accountType);
        if (version == 1) {
            b.putShort((short) room.length).put(room);
        }
        return b.array();
    }

    public static PrivateMapKeyBuf decode(byte[] data) {
        try {
            ByteBuffer b = ByteBuffer.wrap(data);
            int version = b.get() & 0xFF;
            String account = ascii(b, b.getShort() & 0xFFFF);
            long sdkAppId = b.getInt() & 0xFFFF_FFFFL;
            long roomId = b.getInt() & 0xFFFF_FFFFL;
            long expireAt = b.getInt() & 0xFFFF_FFFFL;
            long privileges = b.getInt() & 0xFFFF_FFFFL;
            long accountType = b.getInt() & 0xFFFF_FFFFL;
            String roomStr = version == 1 ? ascii(b, b.getShort() & 0xFFFF) : null;
            if (b.hasRemaining()) {
                throw new TokenException("userbuf", b.remaining() + " unexpected trailing bytes");
            }
            return new PrivateMapKeyBuf(version, account, sdkAppId, roomId, expireAt, privileges, accountType, roomStr);
        } catch (BufferUnderflowException e) {
            throw new TokenException("userbuf", "truncated PrivateMapKey userbuf", e);
        }
    }

    /** Refuses non-ASCII bytes: decoding would silently turn them into U+FFFD (and encoding back into '?'). */
    private static String ascii(ByteBuffer b, int len) {
        byte[] out = new byte[len];
        b.get(out);
        for (byte c : out) {
            if (c < 0) {
                throw new TokenException("userbuf", "account and room id must be ASCII");
            }
        }
        return new String(out, StandardCharsets.US_ASCII);
    }
}
