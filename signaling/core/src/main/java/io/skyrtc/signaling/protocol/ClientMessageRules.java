package io.skyrtc.signaling.protocol;

import static io.skyrtc.signaling.protocol.ProtocolCodec.invalid;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;

/**
 * What each client message must satisfy beyond its JSON shape (docs/PROTOCOL.md), checked once at the edge.
 * A visitor, so a new message type does not compile until it states its rules. Each method answers the
 * problem to refuse the message with, or null.
 */
final class ClientMessageRules implements ClientMessage.Visitor<ProtocolException> {
    private final ProtocolLimits limits;

    ClientMessageRules(ProtocolLimits limits) {
        this.limits = limits;
    }

    @Override
    public ProtocolException join(ClientMessage.Join j) {
        String ref = j.id();
        String room = j.room();
        if (room == null || room.isEmpty()) {
            return invalid("room", "required", ref);
        }
        if (room.length() > limits.maxRoomChars() || !ProtocolCodec.isRoomName(room)) {
            return invalid("room", "1-" + limits.maxRoomChars() + " characters of A-Z a-z 0-9 _ . ~ -", ref);
        }
        if (j.name() != null) {
            String problem = DisplayNames.problem(j.name(), limits.maxNameChars());
            if (problem != null) {
                return invalid("name", problem + " (" + DisplayNames.rule(limits.maxNameChars()) + ")", ref);
            }
        }
        if (j.meta() != null && !j.meta().isNull()) {
            ProtocolException meta = meta(j.meta(), ref);
            if (meta != null) {
                return meta;
            }
        }
        if (j.resume() != null && j.resume().isEmpty()) {
            return invalid("resume", "must be a resume token or omitted", ref);
        }
        if (j.received() != null && (j.received() < 0 || j.resume() == null)) {
            return invalid("received", "a count >= 0, only together with resume", ref);
        }
        return null;
    }

    @Override
    public ProtocolException offer(ClientMessage.Offer o) {
        return firstOf(peerId(o.to(), o.id()), sdp(o.sdp(), o.id()));
    }

    @Override
    public ProtocolException answer(ClientMessage.Answer a) {
        return firstOf(peerId(a.to(), a.id()), sdp(a.sdp(), a.id()));
    }

    @Override
    public ProtocolException candidate(ClientMessage.Candidate c) {
        ProtocolException to = peerId(c.to(), c.id());
        if (to != null) {
            return to;
        }
        if (c.candidate() == null) {
            return invalid("candidate", "required (use null to end candidates)", c.id());
        }
        if (!c.candidate().isNull() && !c.candidate().isObject()) {
            return invalid("candidate", "must be an RTCIceCandidateInit object or null", c.id());
        }
        return null;
    }

    @Override
    public ProtocolException data(ClientMessage.Data d) {
        if (d.to() != null && d.to().isEmpty()) {
            return invalid("to", "must be a peer id or omitted", d.id());
        }
        if (d.payload() == null) {
            return invalid("payload", "required", d.id());
        }
        return null;
    }

    @Override
    public ProtocolException update(ClientMessage.Update u) {
        if (u.meta() == null || u.meta().isNull()) {
            return invalid("meta", "required (a JSON object; {} clears it)", u.id());
        }
        return meta(u.meta(), u.id());
    }

    @Override
    public ProtocolException leave(ClientMessage.Leave m) {
        return null;
    }

    @Override
    public ProtocolException ping(ClientMessage.Ping m) {
        return null;
    }

    /** {@code join.meta} and {@code update.meta}: an object of at most maxMetaBytes serialized. */
    private ProtocolException meta(JsonNode meta, String ref) {
        if (!meta.isObject()) {
            return invalid("meta", "must be a JSON object", ref);
        }
        if (meta.toString().getBytes(StandardCharsets.UTF_8).length > limits.maxMetaBytes()) {
            return new ProtocolException(ErrorCode.TOO_LARGE, "meta is larger than " + limits.maxMetaBytes() + " bytes", ref);
        }
        return null;
    }

    private static ProtocolException peerId(String to, String ref) {
        return to == null || to.isEmpty() ? invalid("to", "required", ref) : null;
    }

    private ProtocolException sdp(Sdp sdp, String ref) {
        if (sdp == null || sdp.isEmpty()) {
            return invalid("sdp", "required", ref);
        }
        int max = limits.maxSdpBytes();
        return sdp.longerThan(max)
                ? new ProtocolException(ErrorCode.TOO_LARGE, "sdp is larger than " + max + " bytes", ref) : null;
    }

    private static ProtocolException firstOf(ProtocolException a, ProtocolException b) {
        return a != null ? a : b;
    }
}
