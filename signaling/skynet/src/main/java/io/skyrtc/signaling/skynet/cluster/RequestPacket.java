package io.skyrtc.signaling.skynet.cluster;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One payload of the request direction (sender → receiver), without its 2-byte frame length. The first
 * byte is the type: 0x80 = string address, 0x40 = push (headers only), low bits 0 single, 1 header,
 * 2/3 part, 4 trace. Every integer inside is little-endian.
 */
public sealed interface RequestPacket {
    /** 0x00 / 0x80: a whole request (session > 0) or push (session 0), body under 32 KiB. */
    record Message(ClusterAddress address, int session, byte[] body) implements RequestPacket {}

    /** 0x01 / 0x81 (request), 0x41 / 0xc1 (push): a large message of {@code total} bytes follows in parts. */
    record LargeHeader(ClusterAddress address, int session, long total, boolean push) implements RequestPacket {}

    /** 0x02 (more follow) / 0x03 (last): the next chunk of a large message. */
    record Part(int session, byte[] chunk, boolean last) implements RequestPacket {}

    /** 0x04: a trace tag for the next request; no session, no answer. */
    record Trace(byte[] tag) implements RequestPacket {}

    static RequestPacket decode(byte[] p) throws ClusterProtocolException {
        if (p.length == 0) {
            throw new ClusterProtocolException("empty request packet");
        }
        ByteBuffer b = ByteBuffer.wrap(p).order(ByteOrder.LITTLE_ENDIAN);
        int type = p[0] & 0xff;
        switch (type) {
            case 0x00 -> {
                need(p, 9, "request");
                return new Message(new ClusterAddress.Handle(u32(b, 1)), b.getInt(5), Arrays.copyOfRange(p, 9, p.length));
            }
            case 0x01, 0x41 -> {
                exactly(p, 13, "large request header");
                return new LargeHeader(new ClusterAddress.Handle(u32(b, 1)), b.getInt(5), u32(b, 9), type == 0x41);
            }
            case 0x80 -> {
                int n = nameLength(p);
                need(p, 6 + n, "request");
                return new Message(name(p, n), b.getInt(2 + n), Arrays.copyOfRange(p, 6 + n, p.length));
            }
            case 0x81, 0xc1 -> {
                int n = nameLength(p);
                exactly(p, 10 + n, "large request header");
                return new LargeHeader(name(p, n), b.getInt(2 + n), u32(b, 6 + n), type == 0xc1);
            }
            case 0x02, 0x03 -> {
                need(p, 5, "part");
                return new Part(b.getInt(1), Arrays.copyOfRange(p, 5, p.length), type == 0x03);
            }
            case 0x04 -> {
                return new Trace(Arrays.copyOfRange(p, 1, p.length));
            }
            default -> throw new ClusterProtocolException(String.format("unknown request packet type 0x%02x", type));
        }
    }

    /** The payload bytes of this packet. */
    default byte[] encode() {
        if (this instanceof Message m) {
            return header(m.address(), 0x00, 0x80, m.body().length).putInt(m.session()).put(m.body()).array();
        }
        if (this instanceof LargeHeader h) {
            int push = h.push() ? 0x40 : 0;
            return header(h.address(), 0x01 | push, 0x81 | push, 4).putInt(h.session()).putInt((int) h.total()).array();
        }
        if (this instanceof Part part) {
            return ByteBuffer.allocate(5 + part.chunk().length).order(ByteOrder.LITTLE_ENDIAN)
                    .put((byte) (part.last() ? 0x03 : 0x02)).putInt(part.session()).put(part.chunk()).array();
        }
        byte[] tag = ((Trace) this).tag();
        byte[] out = new byte[1 + tag.length];
        out[0] = 0x04;
        System.arraycopy(tag, 0, out, 1, tag.length);
        return out;
    }

    /** Type byte and address, with room for a session and {@code rest} more bytes. */
    private static ByteBuffer header(ClusterAddress address, int numericType, int stringType, int rest) {
        if (address instanceof ClusterAddress.Name n) {
            byte[] name = n.name().getBytes(StandardCharsets.UTF_8);
            return ByteBuffer.allocate(2 + name.length + 4 + rest).order(ByteOrder.LITTLE_ENDIAN)
                    .put((byte) stringType).put((byte) name.length).put(name);
        }
        long handle = ((ClusterAddress.Handle) address).value();
        return ByteBuffer.allocate(1 + 4 + 4 + rest).order(ByteOrder.LITTLE_ENDIAN)
                .put((byte) numericType).putInt((int) handle);
    }

    private static long u32(ByteBuffer b, int at) {
        return b.getInt(at) & 0xffff_ffffL;
    }

    private static int nameLength(byte[] p) throws ClusterProtocolException {
        need(p, 2, "request");
        int n = p[1] & 0xff;
        if (n == 0) {
            throw new ClusterProtocolException("request with an empty address name");
        }
        return n;
    }

    /** Strict UTF-8: a lenient decode would turn bad bytes into U+FFFD (another name, maybe over 255 bytes). */
    private static ClusterAddress name(byte[] p, int n) throws ClusterProtocolException {
        try {
            return new ClusterAddress.Name(StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(p, 2, n)).toString());
        } catch (CharacterCodingException e) {
            throw new ClusterProtocolException("request address name is not UTF-8");
        }
    }

    private static void need(byte[] p, int n, String what) throws ClusterProtocolException {
        if (p.length < n) {
            throw new ClusterProtocolException(what + " packet of " + p.length + " bytes is shorter than " + n);
        }
    }

    private static void exactly(byte[] p, int n, String what) throws ClusterProtocolException {
        if (p.length != n) {
            throw new ClusterProtocolException(what + " must be " + n + " bytes, got " + p.length);
        }
    }
}
