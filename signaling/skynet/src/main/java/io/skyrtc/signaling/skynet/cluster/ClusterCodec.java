package io.skyrtc.signaling.skynet.cluster;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * skynet's split rules, and framing (2-byte big-endian length per packet). Requests of 32768 bytes or
 * more go as a header plus 32 KiB parts; responses only when over 32768 bytes; errors are never split.
 */
public final class ClusterCodec {
    /** The size of one part, and the split threshold. */
    public static final int PART = 32_768;
    /** The largest payload a 2-byte frame length can carry. */
    public static final int MAX_FRAME_PAYLOAD = 65_535;

    private ClusterCodec() {}

    /** The packets of one call ({@code push} false) or push; a small push carries session 0 on the wire. */
    public static List<RequestPacket> request(ClusterAddress address, int session, byte[] body, boolean push) {
        if (body.length < PART) {
            return List.of(new RequestPacket.Message(address, push ? 0 : session, body));
        }
        List<RequestPacket> out = new ArrayList<>(2 + body.length / PART);
        out.add(new RequestPacket.LargeHeader(address, session, body.length, push));
        for (int at = 0; at < body.length; at += PART) {
            int end = Math.min(body.length, at + PART);
            out.add(new RequestPacket.Part(session, Arrays.copyOfRange(body, at, end), end == body.length));
        }
        return out;
    }

    /** The packets of an ok response. */
    public static List<ResponsePacket> ok(int session, byte[] body) {
        if (body.length <= PART) {
            return List.of(new ResponsePacket.Ok(session, body));
        }
        List<ResponsePacket> out = new ArrayList<>(2 + body.length / PART);
        out.add(new ResponsePacket.Begin(session, body.length));
        for (int at = 0; at < body.length; at += PART) {
            int end = Math.min(body.length, at + PART);
            out.add(new ResponsePacket.Part(session, Arrays.copyOfRange(body, at, end), end == body.length));
        }
        return out;
    }

    /** An error response: the text as UTF-8, cut to 32768 bytes as skynet does. */
    public static ResponsePacket error(int session, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return new ResponsePacket.Error(session, bytes.length > PART ? Arrays.copyOf(bytes, PART) : bytes);
    }

    /** Framed payloads back to back, ready for one write (one syscall, so Nagle has nothing to hold). */
    public static byte[] frames(List<byte[]> payloads) {
        int size = 0;
        for (byte[] p : payloads) {
            if (p.length > MAX_FRAME_PAYLOAD) {
                throw new IllegalArgumentException("cluster packet of " + p.length + " bytes does not fit a frame");
            }
            size += 2 + p.length;
        }
        byte[] out = new byte[size];
        int at = 0;
        for (byte[] p : payloads) {
            out[at++] = (byte) (p.length >>> 8);
            out[at++] = (byte) p.length;
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    public static byte[] requestFrames(List<RequestPacket> packets) {
        return frames(packets.stream().map(RequestPacket::encode).toList());
    }

    public static byte[] responseFrames(List<ResponsePacket> packets) {
        return frames(packets.stream().map(ResponsePacket::encode).toList());
    }
}
