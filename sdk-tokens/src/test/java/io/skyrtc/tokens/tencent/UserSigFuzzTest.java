package io.skyrtc.tokens.tencent;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.skyrtc.tokens.TokenException;
import io.skyrtc.tokens.codec.Zlib;
import java.nio.charset.StandardCharsets;

/**
 * Tencent UserSig strings as anyone may present them: {@link UserSigCodec#decode} yields a document or
 * throws {@link TokenException}; {@link UserSigVerifier#verify} yields it or throws its
 * VerificationException (MALFORMED exactly when decode refuses), nothing else. Verification accepts
 * exactly the documents for this app and user, not expired, whose sig is the HMAC under the key; a
 * decoded document encodes again into a UserSig that decodes to the same document. Input = a UserSig,
 * or a JSON document (starting with '{'), which the test wraps as {@code tencentBase64(zlib(json))}.
 */
class UserSigFuzzTest {
    static final TencentApp APP = new TencentApp(1_400_000_001L, "fuzz-secret-key-0123456789");
    static final String USER = "user_1";
    static final long NOW = 1_767_225_600L;

    @FuzzTest
    void decodeAndVerifyGiveADocumentOrTokenException(byte[] input) {
        String userSig = input.length > 0 && input[0] == '{'
                ? TencentBase64.encode(Zlib.compress(input)) : new String(input, StandardCharsets.UTF_8);
        UserSigDocument doc;
        try {
            doc = UserSigCodec.decode(userSig);
        } catch (TokenException refused) {
            try {
                UserSigVerifier.verify(APP, userSig, USER, NOW, null);
            } catch (UserSigVerifier.VerificationException e) {
                assertThat(e.failure()).isEqualTo(UserSigVerifier.Failure.MALFORMED);
                return;
            }
            throw new AssertionError("verify accepted a UserSig decode refuses: " + userSig);
        }
        boolean valid = doc.sdkAppId() == APP.sdkAppId() && doc.identifier().equals(USER)
                && NOW <= doc.time() + doc.expire()
                && doc.sig().equals(UserSigCodec.signature(APP.secretKey(), doc.identifier(), doc.sdkAppId(),
                        doc.time(), doc.expire(), doc.userbuf()));
        try {
            UserSigVerifier.verify(APP, userSig, USER, NOW, doc.userbuf());
            assertThat(valid).as("verify accepted an invalid UserSig").isTrue();
        } catch (UserSigVerifier.VerificationException e) {
            assertThat(e.failure()).isNotEqualTo(UserSigVerifier.Failure.MALFORMED);
            assertThat(valid).as("verify refused a valid UserSig: %s", e.getMessage()).isFalse();
        }

        UserSigDocument again = UserSigCodec.decode(UserSigCodec.encode(doc));
        assertThat(again).usingRecursiveComparison().isEqualTo(doc);
    }
}
