package io.skyrtc.signaling.auth;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Correctly signed room tokens with any claims (what a backend holding the secret, or a bug in one,
 * may mint): {@link RoomTokens#verify} still yields complete claims or a {@link TokenException},
 * nothing else. Input = the claims JSON; the test signs it with HS256 and {@link RoomTokensFuzzTest#SECRET}.
 * {@code finding-grants-not-an-object} (a signed token whose {@code grants} is not an object) was a
 * NullPointerException before issue 18 item 12 was fixed.
 */
class RoomTokenClaimsFuzzTest {
    private static final String HEADER = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

    @FuzzTest
    void signedClaimsGiveCompleteClaimsOrTokenException(byte[] claimsJson) throws Exception {
        String signingInput = HEADER + "." + b64(claimsJson);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(RoomTokensFuzzTest.SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String token = signingInput + "." + b64(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        RoomTokensFuzzTest.check(token, "lobby");
    }

    private static String b64(byte[] b) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
