package io.skyrtc.signaling.room;

import io.skyrtc.signaling.logs.EventLog;
import io.skyrtc.signaling.metrics.SignalingMetrics;
import io.skyrtc.signaling.protocol.ClientMessage;
import io.skyrtc.signaling.protocol.CloseCodes;
import io.skyrtc.signaling.protocol.ErrorCode;
import io.skyrtc.signaling.protocol.ProtocolCodec;
import io.skyrtc.signaling.protocol.ServerMessage;

/** Joins and resumes the node turns away before any room sees them: each is logged, told, and counted. */
final class JoinRefusals {
    private final ProtocolCodec codec;
    private final SignalingMetrics metrics;

    JoinRefusals(ProtocolCodec codec, SignalingMetrics metrics) {
        this.codec = codec;
        this.metrics = metrics;
    }

    static void log(PeerLink link, String room, ErrorCode code) {
        EventLog.info("refused", "room", room, "ip", link.clientAddress(), "code", code.wire());
    }

    void shuttingDown(PeerLink link, ClientMessage.Join message) {
        log(link, message.room(), ErrorCode.SERVER_SHUTDOWN);
        link.send(codec.encode(new ServerMessage.Error(ErrorCode.SERVER_SHUTDOWN, "server is shutting down", message.id())));
        link.close(CloseCodes.GOING_AWAY, "server-shutdown");
    }

    /**
     * A join on a draining node: told, counted, and closed (1001), so the client reconnects to another
     * node. {@code roomLogs}: the room is open here and logs the refusal itself.
     */
    void draining(PeerLink link, ClientMessage.Join message, boolean roomLogs) {
        if (!roomLogs) {
            log(link, message.room(), ErrorCode.SERVER_DRAINING);
        }
        metrics.protocolErrors.increment();
        link.send(codec.encode(new ServerMessage.Error(ErrorCode.SERVER_DRAINING,
                "this node is draining; join again (another node will take it)", message.id())));
        link.joinRejected(null);
        link.close(CloseCodes.GOING_AWAY, "server-draining");
    }

    /** A resume with a token this node does not know (unknown, used or expired); the client may join anew. */
    void resumeInvalid(PeerLink link, ClientMessage.Join message) {
        log(link, message.room(), ErrorCode.RESUME_INVALID);
        metrics.protocolErrors.increment();
        link.send(codec.encode(new ServerMessage.Error(ErrorCode.RESUME_INVALID,
                "resume token unknown, used or expired", message.id())));
    }

    /** A join that would open one room more than {@code rooms.maxRooms}. */
    void tooManyRooms(PeerLink link, ClientMessage.Join message, int maxRooms) {
        log(link, message.room(), ErrorCode.TOO_MANY_ROOMS);
        metrics.protocolErrors.increment();
        link.send(codec.encode(new ServerMessage.Error(ErrorCode.TOO_MANY_ROOMS,
                "this node already has " + maxRooms + " rooms", message.id())));
        link.joinRejected(null);
    }
}
