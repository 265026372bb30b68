package io.skyrtc.signaling.auth;

import io.skyrtc.signaling.protocol.ErrorCode;

/** A room token that cannot be accepted, with the protocol error code to report. */
public final class TokenException extends Exception {
    private final ErrorCode code;

    public TokenException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
