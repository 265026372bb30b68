package io.skyrtc.tokens.agora;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skyrtc.tokens.TokenEnvironment;
import io.skyrtc.tokens.TokenException;
import io.skyrtc.tokens.codec.LittleEndianWriter;
import io.skyrtc.tokens.codec.Zlib;
import java.util.Base64;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class AgoraVerifierTest {
    static final AgoraApp APP = new AgoraApp("970CA35de60c44645bbae8a215061b33", "5CFd2fd1755d40ecb72977518be15d3b");
    static final long T0 = 1_700_000_000L;
    final AgoraTokenBuilder builder = new AgoraTokenBuilder(APP, TokenEnvironment.fixed(T0, -5), AgoraNames.Charset.AGORA_SDK);

    @Test
    void reportsTokenAndPerPrivilegeExpiryAtTheirEdges() {
        var issued = builder.rtc("match-1", RtcUser.uid(7), 3600, new RtcPrivilegeExpiry(600, 300, 0, -1));
        assertThat(issued.expiresAt().getEpochSecond()).isEqualTo(T0 + 3600);

        var at300 = AgoraVerifier.verify(issued.token(), APP.appCertificate(), T0 + 300);
        assertThat(at300.salt()).isEqualTo(0xFFFF_FFFBL); // salt -5 travels as u32
        assertThat(at300.services()).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo("rtc");
            assertThat(s.privileges()).extracting(AgoraVerifier.PrivilegeReport::name)
                    .containsExactly("joinChannel", "publishAudioStream", "publishVideoStream");
            assertThat(s.privileges()).allMatch(AgoraVerifier.PrivilegeReport::valid);
        });
        var at301 = AgoraVerifier.verify(issued.token(), APP.appCertificate(), T0 + 301);
        assertThat(at301.services().get(0).privileges()).extracting(AgoraVerifier.PrivilegeReport::valid)
                .containsExactly(true, false, true);
        var atEnd = AgoraVerifier.verify(issued.token(), APP.appCertificate(), T0 + 3600);
        assertThat(atEnd.expired()).isFalse();
        assertThat(atEnd.services().get(0).privileges().get(2).valid()).isTrue(); // 0 = as long as the token
        var after = AgoraVerifier.verify(issued.token(), APP.appCertificate(), T0 + 3601);
        assertThat(after.expired()).isTrue();
        assertThat(after.services().get(0).privileges()).noneMatch(AgoraVerifier.PrivilegeReport::valid);
    }

    @Test
    void wrongCertificateOrTamperedBytesFailTheSignature() {
        String token = builder.rtm("alice", 600).token();
        assertThatThrownBy(() -> AgoraVerifier.verify(token, "5CFd2fd1755d40ecb72977518be15d3c", T0))
                .isInstanceOf(TokenException.class).hasMessageContaining("signature");
        var decoded = AccessToken2Codec.decode(token);
        byte[] info = decoded.signingInfo().clone();
        info[info.length - 1] ^= 1; // user id "alicf"
        String tampered = pack(decoded.signature(), info);
        assertThatThrownBy(() -> AgoraVerifier.verify(tampered, APP.appCertificate(), T0)).hasMessageContaining("signature");
    }

    @Test
    void unknownFutureServiceTypeIsSkippedNotFatal() {
        var known = new AgoraService.Rtm("bob", new TreeMap<>(java.util.Map.of(1, 60L)));
        LittleEndianWriter info = new LittleEndianWriter(64).string(APP.appId()).u32(T0).u32(600).u32(1).u16(2);
        known.write(info);
        info.u16(42).u16(1).u16(1).u32(60).string("a field we cannot know about");
        byte[] signingInfo = info.toByteArray();
        String token = pack(AccessToken2Codec.sign(APP.appCertificate(), T0, 1, signingInfo), signingInfo);

        var report = AgoraVerifier.verify(token, APP.appCertificate(), T0);
        assertThat(report.services()).extracting(AgoraVerifier.ServiceReport::service).containsExactly(known);
        assertThat(report.unknownServiceTypes()).containsExactly(42);
    }

    @Test
    void garbageIsAMalformedTokenNotACrash() {
        for (String bad : List.of("", "006abc", "007", "007!!!", "007" + Base64.getEncoder().encodeToString(new byte[] {1, 2}),
                "007" + Base64.getEncoder().encodeToString(Zlib.compress(new byte[] {32, 0, 1})))) {
            assertThatThrownBy(() -> AccessToken2Codec.decode(bad)).isInstanceOf(TokenException.class)
                    .extracting(e -> ((TokenException) e).field()).isEqualTo("token");
        }
        byte[] bomb = Zlib.compress(new byte[AccessToken2Codec.MAX_INFLATED_BYTES + 1]);
        assertThatThrownBy(() -> AccessToken2Codec.decode("007" + Base64.getEncoder().encodeToString(bomb)))
                .hasMessageContaining("inflates to more than");
    }

    @Test
    void inputValidationNamesTheField() {
        assertField(() -> new AgoraApp("970CA35de60c44645bbae8a215061b3", APP.appCertificate()), "appId");
        assertField(() -> new AgoraApp(APP.appId(), "5CFd2fd1755d40ecb72977518be15d3g"), "appCertificate");
        assertField(() -> builder.rtc("a".repeat(65), RtcUser.uid(1), RtcRole.PUBLISHER, 60, 60), "channel");
        assertThat(builder.rtc("a".repeat(64), RtcUser.uid(1), RtcRole.PUBLISHER, 60, 60).token()).startsWith("007");
        assertField(() -> builder.rtc("频道", RtcUser.uid(1), RtcRole.PUBLISHER, 60, 60), "channel");
        assertField(() -> builder.rtc("c", RtcUser.uid(1L << 32), RtcRole.PUBLISHER, 60, 60), "uid");
        assertField(() -> builder.rtc("c", RtcUser.uid(-1), RtcRole.PUBLISHER, 60, 60), "uid");
        assertField(() -> builder.rtc("c", RtcUser.account(""), RtcRole.PUBLISHER, 60, 60), "account");
        assertField(() -> builder.rtc("c", RtcUser.account("x".repeat(256)), RtcRole.PUBLISHER, 60, 60), "account");
        assertField(() -> builder.rtc("c", RtcUser.uid(1), RtcRole.PUBLISHER, 0, 60), "expire");
        assertField(() -> builder.rtc("c", RtcUser.uid(1), RtcRole.PUBLISHER, 86_401, 60), "expire");
        assertThat(builder.rtc("c", RtcUser.uid(1), RtcRole.PUBLISHER, 86_400, 86_400).token()).startsWith("007");
        assertField(() -> builder.rtc("c", RtcUser.uid(1), RtcRole.PUBLISHER, 60, 86_401), "privilegeExpire");
        assertField(() -> builder.rtm("", 60), "userId");
        assertField(() -> builder.build(60, List.of()), "services");
        var utf8 = new AgoraTokenBuilder(APP, TokenEnvironment.fixed(T0, 1), AgoraNames.Charset.UTF8);
        assertThat(utf8.rtc("频道", RtcUser.uid(1), RtcRole.PUBLISHER, 60, 60).token()).startsWith("007");
        assertField(() -> utf8.rtc("a\nb", RtcUser.uid(1), RtcRole.PUBLISHER, 60, 60), "channel");
        assertThat(APP.toString()).doesNotContain(APP.appCertificate());
    }

    private static void assertField(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String field) {
        assertThatThrownBy(call).isInstanceOf(TokenException.class)
                .extracting(e -> ((TokenException) e).field()).isEqualTo(field);
    }

    private static String pack(byte[] signature, byte[] signingInfo) {
        byte[] content = new LittleEndianWriter(256).bytes(signature).raw(signingInfo).toByteArray();
        return "007" + Base64.getEncoder().encodeToString(Zlib.compress(content));
    }
}
