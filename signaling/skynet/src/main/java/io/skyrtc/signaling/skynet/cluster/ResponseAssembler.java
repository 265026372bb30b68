package io.skyrtc.signaling.skynet.cluster;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Turns one connection's response packets into whole responses, joining large ones per session. */
final class ResponseAssembler {
    /** A whole response: {@code ok} with the body, or the remote error text. */
    record Response(int session, boolean ok, byte[] body) {
        String errorText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private record Partial(long total, ByteArrayOutputStream bytes) {}

    private final Map<Integer, Partial> partial = new HashMap<>();
    private final int maxMessageBytes;

    ResponseAssembler(int maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
    }

    /** A whole response, or null while a large one is incomplete. */
    Response feed(ResponsePacket packet) throws ClusterProtocolException {
        int session = packet.session();
        if (packet instanceof ResponsePacket.Error e) {
            partial.remove(session);
            return new Response(session, false, e.text());
        }
        if (packet instanceof ResponsePacket.Ok ok) {
            return new Response(session, true, ok.body());
        }
        if (packet instanceof ResponsePacket.Begin b) {
            if (b.total() > maxMessageBytes) {
                throw new ClusterProtocolException("response of " + b.total() + " bytes is over the limit of "
                        + maxMessageBytes);
            }
            partial.put(session, new Partial(b.total(), new ByteArrayOutputStream((int) b.total())));
            return null;
        }
        ResponsePacket.Part part = (ResponsePacket.Part) packet;
        Partial p = partial.get(session);
        if (p == null) {
            throw new ClusterProtocolException("a response part for session " + session + " without a begin");
        }
        p.bytes().write(part.chunk(), 0, part.chunk().length);
        if (p.bytes().size() > p.total()) {
            throw new ClusterProtocolException("response for session " + session + " is longer than announced");
        }
        if (!part.last()) {
            return null;
        }
        partial.remove(session);
        if (p.bytes().size() != p.total()) {
            return new Response(session, false, ("large response of " + p.bytes().size() + " bytes, announced "
                    + p.total()).getBytes(StandardCharsets.UTF_8));
        }
        return new Response(session, true, p.bytes().toByteArray());
    }
}
