package io.skyrtc.tokens.tencent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tencentyun.TLSSigAPIv2;
import io.skyrtc.tokens.TokenEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our UserSig/PrivateMapKey against com.github.tencentyun:tls-sig-api-v2:2.0 (Tencent's Java SDK).
 * The SDK reads the clock itself: we decode its ticket for TLS.time and build ours at that time.
 */
class OfficialTencentTest {
    private static final String ID_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-";

    record Input(long sdkAppId, String key, String userId, long expire, long roomId, String roomStr, int privileges) {
    }

    static List<Input> inputs() {
        Random r = new Random(11);
        List<Input> out = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            StringBuilder key = new StringBuilder();
            for (int k = 0; k < 64; k++) {
                key.append("0123456789abcdef".charAt(r.nextInt(16)));
            }
            String userId = i == 0 ? "0" : random(r, ID_CHARS, 1 + r.nextInt(32));
            long roomId = i == 1 ? TencentNames.MAX_ROOM_ID : 1 + (r.nextLong() & 0xFFFF_FFFL);
            String roomStr = i == 2 ? "12345" : random(r, ID_CHARS + " !#$%&()+:;<=.>?@[]^{}|~,", 1 + r.nextInt(64));
            out.add(new Input(1_400_000_000L + r.nextInt(100_000_000), i == 3 ? "k" : key.toString(), userId,
                    1 + r.nextInt((int) TencentSigner.MAX_EXPIRE_SECONDS), roomId, roomStr, r.nextInt(256)));
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("inputs")
    void userSigEqualsOfficialAndVerifiesBothWays(Input in) {
        var app = new TencentApp(in.sdkAppId(), in.key());
        String official = new TLSSigAPIv2(in.sdkAppId(), in.key()).genUserSig(in.userId(), in.expire());
        long time = UserSigCodec.decode(official).time();
        String ours = new TencentSigner(app, TokenEnvironment.fixed(time, 0)).userSig(in.userId(), in.expire()).token();
        assertThat(ours).isEqualTo(official);
        var doc = UserSigVerifier.verify(app, official, in.userId(), time + in.expire(), null);
        assertThat(doc.identifier()).isEqualTo(in.userId());
        assertThat(doc.userbuf()).isNull();
    }

    @ParameterizedTest
    @MethodSource("inputs")
    void privateMapKeysEqualOfficialExceptTheSdksSecondClockRead(Input in) {
        var app = new TencentApp(in.sdkAppId(), in.key());
        var sdk = new TLSSigAPIv2(in.sdkAppId(), in.key());
        for (boolean stringRoom : new boolean[] {false, true}) {
            String official = stringRoom ? sdk.genPrivateMapKeyWithStringRoomID(in.userId(), in.expire(), in.roomStr(), in.privileges())
                    : sdk.genPrivateMapKey(in.userId(), in.expire(), in.roomId(), in.privileges());
            var doc = UserSigCodec.decode(official);
            var buf = PrivateMapKeyBuf.decode(doc.userbuf());
            assertThat(buf.version()).isEqualTo(stringRoom ? 1 : 0);
            assertThat(buf.privileges()).isEqualTo(in.privileges());
            var signer = new TencentSigner(app, TokenEnvironment.fixed(doc.time(), 0));
            String ours = stringRoom ? signer.privateMapKey(in.userId(), in.expire(), in.roomStr(), in.privileges()).token()
                    : signer.privateMapKey(in.userId(), in.expire(), in.roomId(), in.privileges()).token();
            if (buf.expireAt() == doc.time() + in.expire()) {
                assertThat(ours).isEqualTo(official);
            } else {
                // The SDK read the clock for the userbuf a second before TLS.time (documented gotcha).
                assertThat(buf.expireAt()).isEqualTo(doc.time() + in.expire() - 1);
                assertThat(PrivateMapKeyBuf.decode(UserSigCodec.decode(ours).userbuf()))
                        .isEqualTo(new PrivateMapKeyBuf(buf.version(), buf.account(), buf.sdkAppId(), buf.roomId(),
                                buf.expireAt() + 1, buf.privileges(), buf.accountType(), buf.roomStr()));
            }
            assertThat(UserSigVerifier.verify(app, official, in.userId(), doc.time(), doc.userbuf()).userbuf())
                    .isEqualTo(doc.userbuf());
            if (stringRoom && in.roomStr().equals("12345")) { // a string room is never the numeric room
                assertThat(buf.roomId()).isZero();
                assertThat(buf.roomStr()).isEqualTo("12345");
            }
            assertThatThrownBy(() -> UserSigVerifier.verify(app, official, in.userId(), doc.time(), null))
                    .isInstanceOf(UserSigVerifier.VerificationException.class)
                    .extracting(e -> ((UserSigVerifier.VerificationException) e).failure())
                    .isEqualTo(UserSigVerifier.Failure.USERBUF_MISMATCH);
        }
    }

    private static String random(Random r, String chars, int len) {
        StringBuilder b = new StringBuilder(len);
        for (int i = 0; i < len; i++) {
            b.append(chars.charAt(r.nextInt(chars.length())));
        }
        return b.toString();
    }
}
