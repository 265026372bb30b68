package io.skyrtc.signaling.skynet.cluster;

import static io.skyrtc.signaling.skynet.cluster.SkynetPack.BOOLEAN;
import static io.skyrtc.signaling.skynet.cluster.SkynetPack.LONG_STRING;
import static io.skyrtc.signaling.skynet.cluster.SkynetPack.MAX_COOKIE;
import static io.skyrtc.signaling.skynet.cluster.SkynetPack.MAX_DEPTH;
import static io.skyrtc.signaling.skynet.cluster.SkynetPack.NIL;
import static io.skyrtc.signaling.skynet.cluster.SkynetPack.NUMBER;
import static io.skyrtc.signaling.skynet.cluster.SkynetPack.SHORT_STRING;
import static io.skyrtc.signaling.skynet.cluster.SkynetPack.TABLE;
import static io.skyrtc.signaling.skynet.cluster.SkynetPack.USERDATA;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * lua-seri bytes to Java values (the reading half of {@link SkynetPack}). Every length is checked
 * against what is left, and depth is bounded, because the bytes come from another process.
 */
final class PackDecoder {
    private PackDecoder() {}

    static Object read(ByteBuffer in, int typeByte, int depth) {
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
