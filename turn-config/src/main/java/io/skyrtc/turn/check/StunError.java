package io.skyrtc.turn.check;

import org.ice4j.attribute.Attribute;
import org.ice4j.attribute.ErrorCodeAttribute;
import org.ice4j.message.Response;

/** The ERROR-CODE of an error response (code 0 when the server sent none). */
record StunError(int code, String reason) {
    static final int UNAUTHORIZED = 401;
    static final int STALE_NONCE = 438;

    static StunError of(Response response) {
        if (response.getAttribute(Attribute.ERROR_CODE) instanceof ErrorCodeAttribute e) {
            String reason = e.getReasonPhrase();
            if (reason == null || reason.isEmpty()) {
                reason = ErrorCodeAttribute.getDefaultReasonPhrase(e.getErrorCode());
            }
            return new StunError(e.getErrorCode(), reason.trim());
        }
        return new StunError(0, "error response without ERROR-CODE");
    }
}
