package io.skyrtc.tokens.tencent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skyrtc.tokens.TokenEnvironment;
import io.skyrtc.tokens.TokenException;
import io.skyrtc.tokens.codec.Zlib;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class UserSigVerifierTest {
    static final TencentApp APP = new TencentApp(1_400_000_001L, "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e");
    static final long T0 = 1_700_000_000L;
    final TencentSigner signer = new TencentSigner(APP, TokenEnvironment.fixed(T0, 0));

    @Test
    void checksRunInTheGoSdkOrder() {
        String sig = signer.userSig("alice", 600).token();
        // sdkappid is checked before identifier, identifier before expiry, expiry before the signature.
        var otherApp = new TencentApp(1_400_000_002L, "other-key");
        assertFailure(() -> UserSigVerifier.verify(otherApp, sig, "bob", T0 + 9999, null), UserSigVerifier.Failure.SDKAPPID_MISMATCH);
        var wrongKey = new TencentApp(APP.sdkAppId(), "other-key");
        assertFailure(() -> UserSigVerifier.verify(wrongKey, sig, "bob", T0 + 9999, null), UserSigVerifier.Failure.IDENTIFIER_MISMATCH);
        assertFailure(() -> UserSigVerifier.verify(wrongKey, sig, "alice", T0 + 601, null), UserSigVerifier.Failure.EXPIRED);
        assertFailure(() -> UserSigVerifier.verify(wrongKey, sig, "alice", T0 + 600, new byte[] {1}),
                UserSigVerifier.Failure.USERBUF_MISMATCH);
        assertFailure(() -> UserSigVerifier.verify(wrongKey, sig, "alice", T0 + 600, null), UserSigVerifier.Failure.BAD_SIGNATURE);
        assertThat(UserSigVerifier.verify(APP, sig, "alice", T0 + 600, null).expiresAtEpochSeconds()).isEqualTo(T0 + 600);
    }

    @Test
    void userbufRoundTripsAndIsCoveredByTheSignature() {
        byte[] userbuf = "any bytes \u0000\u00ff".getBytes(StandardCharsets.ISO_8859_1);
        String sig = signer.userSig("bob", 60, userbuf).token();
        assertThat(UserSigVerifier.verify(APP, sig, "bob", T0, userbuf).userbuf()).isEqualTo(userbuf);
        assertFailure(() -> UserSigVerifier.verify(APP, sig, "bob", T0, "other".getBytes()), UserSigVerifier.Failure.USERBUF_MISMATCH);

        var pmk = signer.privateMapKey("bob", 300, "room 1", TrtcPrivileges.AUDIENCE);
        var doc = UserSigVerifier.verifyAnyUserbuf(APP, pmk.token(), "bob", T0);
        assertThat(PrivateMapKeyBuf.decode(doc.userbuf())).isEqualTo(
                new PrivateMapKeyBuf(1, "bob", APP.sdkAppId(), 0, T0 + 300, 42, 0, "room 1"));
    }

    @Test
    void acceptsOtherSdksJsonLayoutsAndRejectsGarbage() {
        // Go's encoder: struct order, a trailing newline; Python's ", " spacing. Same signature, must verify.
        String goSig = UserSigCodec.signature(APP.secretKey(), "carol", APP.sdkAppId(), T0, 60, null);
        String json = "{\"TLS.ver\": \"2.0\", \"TLS.identifier\": \"carol\", \"TLS.sdkappid\": " + APP.sdkAppId()
                + ", \"TLS.expire\": 60, \"TLS.time\": " + T0 + ", \"TLS.sig\": \"" + goSig.replace("/", "\\/") + "\"}\n";
        String foreign = TencentBase64.encode(Zlib.compress(json.getBytes(StandardCharsets.UTF_8)));
        assertThat(UserSigVerifier.verify(APP, foreign, "carol", T0, null).sig()).isEqualTo(goSig);

        for (String bad : new String[] {"", "abc", "eJw+", TencentBase64.encode(Zlib.compress("[1]".getBytes())),
                TencentBase64.encode(Zlib.compress("{\"TLS.ver\":\"2.0\"}".getBytes())),
                TencentBase64.encode(Zlib.compress("{\"TLS.expire\":{}}".getBytes()))}) {
            assertFailure(() -> UserSigVerifier.verify(APP, bad, "carol", T0, null), UserSigVerifier.Failure.MALFORMED);
        }
    }

    @Test
    void inputValidationNamesTheField() {
        assertField(() -> new TencentApp(0, "k"), "sdkAppId");
        assertField(() -> new TencentApp(1L << 32, "k"), "sdkAppId");
        assertField(() -> new TencentApp(1, " "), "secretKey");
        assertField(() -> signer.userSig("", 60), "userId");
        assertField(() -> signer.userSig("a".repeat(33), 60), "userId");
        assertThat(signer.userSig("a".repeat(32), 60).token()).isNotEmpty();
        assertField(() -> signer.userSig("用户", 60), "userId");
        assertField(() -> signer.userSig("a@b", 60), "userId");
        assertField(() -> signer.userSig("a", 0), "expire");
        assertField(() -> signer.userSig("a", TencentSigner.MAX_EXPIRE_SECONDS + 1), "expire");
        assertField(() -> signer.privateMapKey("a", 60, 0L, 255), "roomId");
        assertField(() -> signer.privateMapKey("a", 60, TencentNames.MAX_ROOM_ID + 1, 255), "roomId");
        assertField(() -> signer.privateMapKey("a", 60, "x".repeat(65), 255), "roomStr");
        assertField(() -> signer.privateMapKey("a", 60, "房间", 255), "roomStr");
        assertField(() -> signer.privateMapKey("a", 60, 5L, 256), "privileges");
        assertThat(APP.toString()).doesNotContain(APP.secretKey());
    }

    @Test
    void tencentBase64AlphabetRoundTrips() {
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        String text = TencentBase64.encode(all);
        assertThat(text).doesNotContain("+", "/", "=").contains("*", "-", "_");
        assertThat(TencentBase64.decode(text)).isEqualTo(all);
        assertThatThrownBy(() -> TencentBase64.decode("ab+/")).isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertFailure(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, UserSigVerifier.Failure failure) {
        assertThatThrownBy(call).isInstanceOf(UserSigVerifier.VerificationException.class)
                .extracting(e -> ((UserSigVerifier.VerificationException) e).failure()).isEqualTo(failure);
    }

    private static void assertField(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String field) {
        assertThatThrownBy(call).isInstanceOf(TokenException.class)
                .extracting(e -> ((TokenException) e).field()).isEqualTo(field);
    }
}
