package io.skyrtc.tokens.tencent;

import io.skyrtc.tokens.TokenException;
import io.skyrtc.tokens.codec.Hmac;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Verifies a UserSig the way Tencent's Go SDK (its only official verifier) does, in its order:
 * sdkappid → identifier → expiry (valid through time+expire inclusive) → userbuf presence and bytes →
 * signature. The first failing check is reported, with its {@link Failure}.
 */
public final class UserSigVerifier {
    public enum Failure { MALFORMED, SDKAPPID_MISMATCH, IDENTIFIER_MISMATCH, EXPIRED, USERBUF_MISMATCH, BAD_SIGNATURE }

    private UserSigVerifier() {
    }

    /**
     * @param expectedUserbuf null to require a plain UserSig; otherwise the userbuf the ticket must carry
     */
    public static UserSigDocument verify(TencentApp app, String userSig, String userId, long nowEpochSeconds,
                                         byte[] expectedUserbuf) {
        return check(app, decode(userSig), userId, nowEpochSeconds, expectedUserbuf);
    }

    /** Decodes without the userbuf comparison but with every other check; for inspecting PrivateMapKeys. */
    public static UserSigDocument verifyAnyUserbuf(TencentApp app, String userSig, String userId, long nowEpochSeconds) {
        UserSigDocument doc = decode(userSig);
        return check(app, doc, userId, nowEpochSeconds, doc.userbuf());
    }

    private static UserSigDocument decode(String userSig) {
        try {
            return UserSigCodec.decode(userSig);
        } catch (TokenException e) {
            throw new VerificationException(Failure.MALFORMED, e.getMessage());
        }
    }

    private static UserSigDocument check(TencentApp app, UserSigDocument doc, String userId, long nowEpochSeconds,
                                         byte[] expectedUserbuf) {
        if (doc.sdkAppId() != app.sdkAppId()) {
            throw new VerificationException(Failure.SDKAPPID_MISMATCH, "sdkappid " + doc.sdkAppId() + " is not " + app.sdkAppId());
        }
        if (!doc.identifier().equals(userId)) {
            throw new VerificationException(Failure.IDENTIFIER_MISMATCH, "issued for another identifier");
        }
        if (nowEpochSeconds > doc.time() + doc.expire()) {
            throw new VerificationException(Failure.EXPIRED, "expired at " + (doc.time() + doc.expire()));
        }
        if ((doc.userbuf() == null) != (expectedUserbuf == null)
                || doc.userbuf() != null && !Arrays.equals(doc.userbuf(), expectedUserbuf)) {
            throw new VerificationException(Failure.USERBUF_MISMATCH, "userbuf differs from the expected one");
        }
        String expected = UserSigCodec.signature(app.secretKey(), doc.identifier(), doc.sdkAppId(), doc.time(),
                doc.expire(), doc.userbuf());
        if (!Hmac.equal(expected.getBytes(StandardCharsets.US_ASCII), doc.sig().getBytes(StandardCharsets.US_ASCII))) {
            throw new VerificationException(Failure.BAD_SIGNATURE, "signature does not match this secret key");
        }
        return doc;
    }

    /** A failed check; {@link #failure()} says which. */
    public static final class VerificationException extends TokenException {
        private final Failure failure;

        VerificationException(Failure failure, String message) {
            super("userSig", message);
            this.failure = failure;
        }

        public Failure failure() {
            return failure;
        }
    }
}
