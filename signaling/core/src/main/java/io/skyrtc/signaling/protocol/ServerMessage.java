package io.skyrtc.signaling.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Everything the server sends on {@code /ws}; the {@code type} property names the record. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ServerMessage.Welcome.class, name = "welcome"),
    @JsonSubTypes.Type(value = ServerMessage.PeerJoined.class, name = "peer-joined"),
    @JsonSubTypes.Type(value = ServerMessage.PeerLeft.class, name = "peer-left"),
    @JsonSubTypes.Type(value = ServerMessage.PeerUpdated.class, name = "peer-updated"),
    @JsonSubTypes.Type(value = ServerMessage.IceServers.class, name = "ice-servers"),
    @JsonSubTypes.Type(value = ServerMessage.Offer.class, name = "offer"),
    @JsonSubTypes.Type(value = ServerMessage.Answer.class, name = "answer"),
    @JsonSubTypes.Type(value = ServerMessage.Candidate.class, name = "candidate"),
    @JsonSubTypes.Type(value = ServerMessage.Data.class, name = "data"),
    @JsonSubTypes.Type(value = ServerMessage.Pong.class, name = "pong"),
    @JsonSubTypes.Type(value = ServerMessage.Error.class, name = "error"),
    @JsonSubTypes.Type(value = ServerMessage.Draining.class, name = "draining"),
})
public sealed interface ServerMessage {

    /** First message after a successful join or resume. */
    record Welcome(
            String peerId,
            String room,
            List<PeerInfo> peers,
            List<IceServer> iceServers,
            String resumeToken,
            long pingIntervalMs,
            boolean resumed,
            Grants grants,
            LimitsInfo limits)
            implements ServerMessage {}

    record PeerJoined(PeerInfo peer) implements ServerMessage {}

    /** {@code reason}: leave, timeout, kicked, closed, shutdown. */
    record PeerLeft(String peerId, String reason) implements ServerMessage {}

    /** A peer sent {@code update}: {@code peer} is how it is presented now (its new {@code meta}). */
    record PeerUpdated(PeerInfo peer) implements ServerMessage {}

    /**
     * Fresh iceServers (new TURN credentials), pushed before those of the last {@code welcome} or
     * {@code ice-servers} expire. Not a room frame: never queued for a detached peer or replayed.
     */
    record IceServers(List<IceServer> iceServers) implements ServerMessage {}

    record Offer(String from, Sdp sdp) implements ServerMessage {}

    record Answer(String from, Sdp sdp) implements ServerMessage {}

    /** {@code candidate} is written even when null: null means end of candidates. */
    record Candidate(String from, @JsonInclude(JsonInclude.Include.ALWAYS) JsonNode candidate)
            implements ServerMessage {}

    /** {@code from} is a peer id, or {@code "server"} for data pushed by the operator/actor core. */
    record Data(String from, RawJson payload) implements ServerMessage {
        /** Data whose payload is a tree (what the server itself sends); written as that tree's JSON. */
        public Data(String from, JsonNode payload) {
            this(from, RawJson.of(payload));
        }
    }

    record Pong(String ref) implements ServerMessage {}

    record Error(String code, String message, String ref) implements ServerMessage {
        public Error(ErrorCode code, String message, String ref) {
            this(code.wire(), message, ref);
        }
    }

    /**
     * The node is draining: no new joins; this peer's room may go on until {@code deadlineMs} (Unix ms),
     * {@code inMs} from now, when the node shuts down (every peer then gets {@code server-shutdown}).
     */
    record Draining(long deadlineMs, long inMs) implements ServerMessage {}

    /** A browser RTCIceServer entry. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record IceServer(List<String> urls, String username, String credential) {}

    /** What the room token grants; all true in dev mode without a token. */
    record Grants(boolean canPublish, boolean canSubscribe, boolean canData) {
        public static final Grants ALL = new Grants(true, true, true);
    }

    /** The limits that apply to this connection, so clients can stay inside them. */
    record LimitsInfo(
            int maxFrameBytes,
            int maxSdpBytes,
            int ratePerSecond,
            int rateBurst,
            int maxPeersPerRoom,
            long idleTimeoutMs,
            long resumeGraceMs) {}
}
