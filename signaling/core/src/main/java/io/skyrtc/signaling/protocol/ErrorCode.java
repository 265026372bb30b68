package io.skyrtc.signaling.protocol;

/**
 * Error codes sent in {@code error} messages. The connection stays open after each of them;
 * abuse is answered with a close code instead (see {@link CloseCodes}). Documented in docs/PROTOCOL.md.
 */
public enum ErrorCode {
    BAD_JSON("bad-json"),
    UNKNOWN_TYPE("unknown-type"),
    INVALID_FIELD("invalid-field"),
    NOT_JOINED("not-joined"),
    ALREADY_JOINED("already-joined"),
    UNKNOWN_PEER("unknown-peer"),
    ROOM_FULL("room-full"),
    TOO_MANY_ROOMS("too-many-rooms"),
    TOKEN_REQUIRED("token-required"),
    TOKEN_INVALID("token-invalid"),
    TOKEN_EXPIRED("token-expired"),
    TOKEN_ROOM_MISMATCH("token-room-mismatch"),
    RESUME_INVALID("resume-invalid"),
    FORBIDDEN("forbidden"),
    TOO_LARGE("too-large"),
    ROOM_CLOSED("room-closed"),
    KICKED("kicked"),
    SERVER_SHUTDOWN("server-shutdown"),
    /** Multi-node: the join needs Redis (or the room's owner), which cannot be reached now; retry. */
    UNAVAILABLE("unavailable"),
    SERVER_DRAINING("server-draining"),
    INTERNAL("internal");

    private final String wire;

    ErrorCode(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
