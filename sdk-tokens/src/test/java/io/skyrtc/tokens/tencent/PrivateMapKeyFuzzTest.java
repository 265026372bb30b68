package io.skyrtc.tokens.tencent;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.skyrtc.tokens.TokenEnvironment;
import io.skyrtc.tokens.TokenException;

/**
 * A PrivateMapKey's userbuf, as any holder of a signed ticket may have put it there: carried in a
 * UserSig, it verifies and comes back byte for byte; {@link PrivateMapKeyBuf#decode} yields the
 * fields or throws {@link TokenException} (field "userbuf"), nothing else, and what it yields encodes
 * to exactly the bytes it was read from (nothing is silently changed).
 */
class PrivateMapKeyFuzzTest {
    private static final TencentSigner SIGNER =
            new TencentSigner(UserSigFuzzTest.APP, TokenEnvironment.fixed(UserSigFuzzTest.NOW, 7));

    @FuzzTest
    void userbufDecodesToWhatEncodesBackOrTokenException(byte[] userbuf) {
        String key = SIGNER.userSig(UserSigFuzzTest.USER, 3600, userbuf).token();
        UserSigDocument doc = UserSigVerifier.verifyAnyUserbuf(UserSigFuzzTest.APP, key, UserSigFuzzTest.USER,
                UserSigFuzzTest.NOW);
        assertThat(doc.userbuf()).isEqualTo(userbuf);
        PrivateMapKeyBuf buf;
        try {
            buf = PrivateMapKeyBuf.decode(doc.userbuf());
        } catch (TokenException refused) {
            assertThat(refused.field()).isEqualTo("userbuf");
            return;
        }
        assertThat(buf.encode()).isEqualTo(userbuf);
    }
}
