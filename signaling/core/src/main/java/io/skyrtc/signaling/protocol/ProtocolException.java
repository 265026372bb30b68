package io.skyrtc.signaling.protocol;

/** A client message that cannot be accepted; becomes an {@code error} reply, the socket stays open. */
public final class ProtocolException extends Exception {
    private final ErrorCode code;
    private final String ref;

    public ProtocolException(ErrorCode code, String message, String ref) {
        super(message, null, false, false);
        this.code = code;
        this.ref = ref;
    }

    public ErrorCode code() {
        return code;
    }

    public String ref() {
        return ref;
    }

    public ServerMessage.Error toError() {
        return new ServerMessage.Error(code, getMessage(), ref);
    }
}
