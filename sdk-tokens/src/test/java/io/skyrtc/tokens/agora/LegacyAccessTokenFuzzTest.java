package io.skyrtc.tokens.agora;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.skyrtc.tokens.TokenException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * Legacy Agora AccessToken ("006") strings as anyone may present them: {@link LegacyAccessToken#decode}
 * and {@link LegacyAccessToken#verify} yield a token/report or throw {@link TokenException}, nothing
 * else. Verification accepts exactly the tokens for this channel and uid whose signature is the HMAC
 * under the certificate; a decoded message encodes again into a token that decodes to the same
 * message and verifies. Input = a token starting with "006", or else its content (signature, CRCs,
 * message), which the test wraps as {@code "006" + APP_ID + base64(content)}.
 */
class LegacyAccessTokenFuzzTest {
    static final String CHANNEL = "lobby-1";
    static final String UID = "2882341273";
    static final String APP_ID = "970ca35de60c44645bbae8a215061b33";

    @FuzzTest
    void decodeAndVerifyGiveATokenOrTokenException(byte[] input) {
        String token = input.length >= 3 && input[0] == '0' && input[1] == '0' && input[2] == '6'
                ? new String(input, StandardCharsets.UTF_8)
                : LegacyAccessToken.VERSION + APP_ID + Base64.getEncoder().encodeToString(input);
        String cert = AccessToken2FuzzTest.CERT;
        long now = AccessToken2FuzzTest.NOW;
        LegacyAccessToken.Decoded d;
        try {
            d = LegacyAccessToken.decode(token);
        } catch (TokenException refused) {
            assertThat(refused.field()).isEqualTo("token");
            try {
                LegacyAccessToken.verify(token, cert, CHANNEL, UID, now);
            } catch (TokenException alsoRefused) {
                return;
            }
            throw new AssertionError("verify accepted a token decode refuses: " + token);
        }
        boolean valid = d.crcChannel() == LegacyAccessToken.crc32(CHANNEL)
                && d.crcUid() == LegacyAccessToken.crc32(UID)
                && Arrays.equals(d.signature(), LegacyAccessToken.sign(cert, d.appId(), CHANNEL, UID, d.rawMessage()));
        try {
            LegacyAccessToken.Report report = LegacyAccessToken.verify(token, cert, CHANNEL, UID, now);
            assertThat(valid).as("verify accepted a token not signed for this channel, uid and certificate").isTrue();
            assertThat(report.message()).isEqualTo(d.message());
        } catch (TokenException refused) {
            assertThat(valid).as("verify refused a valid token: %s", refused.getMessage()).isFalse();
        }

        AgoraApp app;
        try {
            app = new AgoraApp(d.appId(), cert);
        } catch (TokenException notAnAppId) {
            return;
        }
        String again = LegacyAccessToken.encode(app, CHANNEL, UID, d.message());
        assertThat(LegacyAccessToken.decode(again).message()).isEqualTo(d.message());
        assertThat(LegacyAccessToken.verify(again, cert, CHANNEL, UID, now).message()).isEqualTo(d.message());
    }
}
