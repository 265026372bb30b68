package io.skyrtc.tokens.agora;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.skyrtc.tokens.TokenException;
import io.skyrtc.tokens.codec.Zlib;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * Agora AccessToken2 ("007") strings as anyone may present them: {@link AccessToken2Codec#decode} and
 * {@link AgoraVerifier#verify} yield a token/report or throw {@link TokenException} (field "token"),
 * nothing else. Verification accepts exactly the tokens whose signature is the HMAC of their signed
 * bytes under the certificate; what was decoded encodes again (or is refused with an
 * IllegalArgumentException) into a token that decodes to the same content and verifies. Input = a
 * token starting with "007", or else the inflated content (signature + signed bytes), which the test
 * wraps as {@code "007" + base64(zlib(content))} so that mutations reach the parser past zlib.
 */
class AccessToken2FuzzTest {
    static final String CERT = "5cfd2fd1755d40ecb72977518be15d3b";
    static final long NOW = 1_767_225_600L;

    @FuzzTest
    void decodeAndVerifyGiveATokenOrTokenException(byte[] input) {
        String token = input.length >= 3 && input[0] == '0' && input[1] == '0' && input[2] == '7'
                ? new String(input, StandardCharsets.UTF_8)
                : AccessToken2Codec.VERSION + Base64.getEncoder().encodeToString(Zlib.compress(input));
        DecodedAccessToken2 d;
        try {
            d = AccessToken2Codec.decode(token);
        } catch (TokenException refused) {
            assertThat(refused.field()).isEqualTo("token");
            try {
                AgoraVerifier.verify(token, CERT, NOW);
            } catch (TokenException alsoRefused) {
                return;
            }
            throw new AssertionError("verify accepted a token decode refuses: " + token);
        }
        AccessToken2 t = d.token();
        boolean signedWithCert = Arrays.equals(d.signature(),
                AccessToken2Codec.sign(CERT, t.issueTs(), t.salt(), d.signingInfo()));
        try {
            AgoraVerifier.Report report = AgoraVerifier.verify(token, CERT, NOW);
            assertThat(signedWithCert).as("verify accepted a token not signed with the certificate").isTrue();
            assertThat(report.appId()).isEqualTo(t.appId());
            assertThat(report.expired()).isEqualTo(NOW > t.expiresAtEpochSeconds());
        } catch (TokenException refused) {
            assertThat(signedWithCert).as("verify refused a signed token: %s", refused.getMessage()).isFalse();
        }

        String again;
        try {
            again = AccessToken2Codec.encode(t, CERT);
        } catch (IllegalArgumentException unwritable) {
            return;  // e.g. a string whose replacement characters no longer fit a u16 length
        }
        DecodedAccessToken2 reread = AccessToken2Codec.decode(again);
        assertThat(reread.token()).isEqualTo(t);
        assertThat(AgoraVerifier.verify(again, CERT, NOW).appId()).isEqualTo(t.appId());
    }
}
