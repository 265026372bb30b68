package io.skyrtc.signaling.tokenapi;

import io.skyrtc.signaling.http.HttpError;
import io.skyrtc.tokens.IssuedToken;
import io.skyrtc.tokens.TokenException;
import java.util.Map;

/**
 * The answer of every vendor token endpoint: the token, which app minted it, and absolute times
 * (ISO-8601 UTC). Never carries a certificate or secret key.
 */
public record TokenReply(String token, String app, String issuedAt, String expiresAt) {
    /** Library field names → request field names, so a 400 names what the caller sent. */
    private static final Map<String, String> FIELDS = Map.of(
            "expire", "ttlSeconds", "privilegeExpire", "privilegeTtlSeconds", "joinChannel", "privileges.joinChannel",
            "publishAudio", "privileges.publishAudio", "publishVideo", "privileges.publishVideo",
            "publishData", "privileges.publishData", "privilegeExpireTs", "privilegeTtlSeconds");

    static TokenReply of(String app, IssuedToken issued) {
        return new TokenReply(issued.token(), app, issued.issuedAt().toString(), issued.expiresAt().toString());
    }

    static HttpError badInput(TokenException e) {
        String field = FIELDS.getOrDefault(e.field(), e.field());
        String message = e.getMessage().substring(e.field().length() + 2);
        return HttpError.badRequest(field, message);
    }
}
