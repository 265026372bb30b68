package io.skyrtc.signaling.protocol;

/** WebSocket close codes the server uses; documented in docs/PROTOCOL.md. */
public final class CloseCodes {
    /** Normal closure after {@code leave}. */
    public static final int NORMAL = 1000;
    /** Server shutting down, or idle timeout. */
    public static final int GOING_AWAY = 1001;
    /** Rate limit exceeded (flood beyond the token bucket). */
    /** A continuation frame without a message to continue, or a new message inside a fragmented one. */
    public static final int PROTOCOL_ERROR = 1002;
    /** A binary frame: the protocol is JSON text only. */
    public static final int UNSUPPORTED_DATA = 1003;
    /** A text message that is not valid UTF-8. */
    public static final int BAD_DATA = 1007;
    public static final int POLICY_VIOLATION = 1008;
    /** A frame or message above {@code limits.maxFrameBytes}. */
    public static final int TOO_BIG = 1009;
    /** The room failed (a server bug); the peer was told {@code error internal} and may join again. */
    public static final int SERVER_ERROR = 1011;
    /** Slow consumer: the outbound queue to this client overflowed. */
    public static final int TRY_AGAIN_LATER = 1013;
    /** Multi-node: the room moved to another node (its lease was lost); reconnect and resume. */
    public static final int SERVICE_RESTART = 1012;
    /** The peer was kicked by an operator or the actor core. */
    public static final int KICKED = 4001;
    /** The peer's room was closed by an operator or the actor core. */
    public static final int ROOM_CLOSED = 4002;
    /** Another socket resumed this peer; this one is obsolete. */
    public static final int REPLACED = 4003;

    private CloseCodes() {}
}
