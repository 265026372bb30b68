package io.skyrtc.signaling.routing.redis;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.skyrtc.signaling.protocol.ClientMessage;
import io.skyrtc.signaling.protocol.ErrorCode;
import io.skyrtc.signaling.protocol.ProtocolCodec;
import io.skyrtc.signaling.protocol.ServerMessage;
import java.nio.charset.StandardCharsets;

/** Envelope bodies: client messages re-encoded as the protocol's JSON (the owner decodes them with the same checks). */
final class Wire {
    private final ProtocolCodec codec;
    private final ObjectMapper json;

    Wire(ProtocolCodec codec) {
        this.codec = codec;
        this.json = codec.mapper();
    }


    byte[] encodeJoin(ClientMessage.Join join) {
        try {
            return json.writerFor(ClientMessage.class).writeValueAsBytes(join);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    byte[] encodeJoinArgs(EdgeSession.JoinArgs a) {
        ObjectNode meta = json.createObjectNode();
        meta.put("identity", a.identity());
        meta.set("grants", json.valueToTree(a.grants()));
        if (a.tokenExpiresAt() != null) {
            meta.put("exp", a.tokenExpiresAt().toEpochMilli());
        }
        if (a.tokenMeta() != null) {
            meta.set("tokenMeta", a.tokenMeta());  // the keys an update cannot change, enforced by the owner's room
        }
        byte[] head = (meta + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] join = encodeJoin(a.message());
        byte[] out = java.util.Arrays.copyOf(head, head.length + join.length);
        System.arraycopy(join, 0, out, head.length, join.length);
        return out;
    }

    byte[] encodeMessage(long seq, ClientMessage m) {
        try {
            byte[] head = (seq + "\n").getBytes(StandardCharsets.US_ASCII);
            byte[] body = json.writerFor(ClientMessage.class).writeValueAsBytes(m);
            byte[] out = java.util.Arrays.copyOf(head, head.length + body.length);
            System.arraycopy(body, 0, out, head.length, body.length);
            return out;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    byte[] encodeError(ErrorCode code, String message) {
        return encodeError(code, message, null);
    }

    byte[] encodeError(ErrorCode code, String message, String ref) {
        return codec.encode(new ServerMessage.Error(code, message, ref));
    }

    /** The {@code draining} notice of this node, for the sockets it holds. */
    byte[] encodeDraining(long deadlineMs) {
        return codec.encode(new ServerMessage.Draining(deadlineMs, Math.max(0, deadlineMs - System.currentTimeMillis())));
    }

    String resumeTokenOf(byte[] welcome) {
        try {
            return json.readTree(welcome).path("resumeToken").asText(null);
        } catch (Exception e) {
            return null;
        }
    }

}
