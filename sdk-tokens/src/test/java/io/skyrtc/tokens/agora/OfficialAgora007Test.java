package io.skyrtc.tokens.agora;

import static org.assertj.core.api.Assertions.assertThat;

import io.agora.chat.ChatTokenBuilder2;
import io.agora.media.AccessToken2;
import io.agora.media.RtcTokenBuilder2;
import io.agora.rtm.RtmTokenBuilder2;
import io.skyrtc.tokens.TokenEnvironment;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our 007 tokens against io.agora:authentication (the official Java library) on generated inputs.
 * The official builders read the clock and SecureRandom themselves; we parse their token for issue
 * time and salt, build ours with the same, and require identical strings.
 */
class OfficialAgora007Test {

    static java.util.List<AgoraInputs.Input> inputs() {
        return AgoraInputs.generate(7, 60);
    }

    @Test
    void agoraPublishedVectorIsReproduced() {
        // From Agora's own AccessToken2Test (issueTs 1111111, salt 1, expire 600, join only).
        AgoraApp app = new AgoraApp("970CA35de60c44645bbae8a215061b33", "5CFd2fd1755d40ecb72977518be15d3b");
        var b = new AgoraTokenBuilder(app, TokenEnvironment.fixed(1111111, 1), AgoraNames.Charset.AGORA_SDK);
        var joinOnly = new RtcPrivilegeExpiry(600, -1, -1, -1);
        assertThat(b.rtc("7d72365eb983485397e3e3f9d460bdda", RtcUser.uid(2882341273L), 600, joinOnly).token())
                .isEqualTo("007eJxTYBBbsMMnKq7p9Hf/HcIX5kce9b518kCiQgSr5Zrp4X1Tu6UUGCzNDZwdjU1TUs0Mkk1MzExMk5ISUy0SjQ"
                        + "xNDcwMk4yN3b8IMEQwMTAwMoAwBIL4CgzmKeZGxmamqUmWFsYmFqbGluapxqnGaZYpJmYGSSkpiVwMRhYWRsYmhkbmxgDCaiTj");
        assertThat(b.rtc("7d72365eb983485397e3e3f9d460bdda", RtcUser.uid(0), 600, joinOnly).token())
                .isEqualTo("007eJxTYLhzZP08Lxa1Pg57+TcXb/3cZ3wi4V6kbpbOog0G2dOYk20UGCzNDZwdjU1TUs0Mkk1MzExMk5ISUy0SjQ"
                        + "xNDcwMk4yN3b8IMEQwMTAwMoAwBIL4CgzmKeZGxmamqUmWFsYmFqbGluapxqnGaZYpJmYGSSkpiQwMADacImo=");
    }

    @ParameterizedTest
    @MethodSource("inputs")
    void rtcByUidEqualsOfficial(AgoraInputs.Input in) {
        String official = new RtcTokenBuilder2().buildTokenWithUid(in.appId(), in.appCert(), in.channel(), (int) in.uid(),
                officialRole(in.role()), (int) in.expire(), (int) in.privilegeExpire());
        String ours = ours(in, official).rtc(in.channel(), RtcUser.uid(in.uid()), in.role(), in.expire(),
                in.privilegeExpire()).token();
        assertThat(ours).isEqualTo(official);
    }

    @ParameterizedTest
    @MethodSource("inputs")
    void rtcByAccountEqualsOfficial(AgoraInputs.Input in) {
        String official = new RtcTokenBuilder2().buildTokenWithUserAccount(in.appId(), in.appCert(), in.channel(),
                in.account(), officialRole(in.role()), (int) in.expire(), (int) in.privilegeExpire());
        assertThat(ours(in, official).rtc(in.channel(), RtcUser.account(in.account()), in.role(), in.expire(),
                in.privilegeExpire()).token()).isEqualTo(official);
    }

    @ParameterizedTest
    @MethodSource("inputs")
    void perPrivilegeFormEqualsOfficial(AgoraInputs.Input in) {
        long audio = (in.privilegeExpire() + 100) % 86_400;
        long video = (in.privilegeExpire() + 200) % 86_400;
        long data = in.expire() % 600;
        String official = new RtcTokenBuilder2().buildTokenWithUid(in.appId(), in.appCert(), in.channel(), (int) in.uid(),
                (int) in.expire(), (int) in.privilegeExpire(), (int) audio, (int) video, (int) data);
        assertThat(ours(in, official).rtc(in.channel(), RtcUser.uid(in.uid()), in.expire(),
                new RtcPrivilegeExpiry(in.privilegeExpire(), audio, video, data)).token()).isEqualTo(official);
    }

    @ParameterizedTest
    @MethodSource("inputs")
    void rtmAndRtcWithRtmAndChatEqualOfficial(AgoraInputs.Input in) {
        String rtm = new RtmTokenBuilder2().buildToken(in.appId(), in.appCert(), in.account(), (int) in.expire());
        assertThat(ours(in, rtm).rtm(in.account(), in.expire()).token()).isEqualTo(rtm);

        String both = new RtcTokenBuilder2().buildTokenWithRtm(in.appId(), in.appCert(), in.channel(), in.account(),
                officialRole(in.role()), (int) in.expire(), (int) in.privilegeExpire());
        assertThat(ours(in, both).rtcWithRtm(in.channel(), in.account(), in.role(), in.expire(), in.privilegeExpire())
                .token()).isEqualTo(both);

        String chatUser = new ChatTokenBuilder2().buildUserToken(in.appId(), in.appCert(), in.account(), (int) in.expire());
        assertThat(ours(in, chatUser).chatUser(in.account(), in.expire()).token()).isEqualTo(chatUser);
        String chatApp = new ChatTokenBuilder2().buildAppToken(in.appId(), in.appCert(), (int) in.expire());
        assertThat(ours(in, chatApp).chatApp(in.expire()).token()).isEqualTo(chatApp);
    }

    @ParameterizedTest
    @MethodSource("inputs")
    void officialParserReadsOurTokensAndWeVerifyTheirs(AgoraInputs.Input in) {
        var ours = new AgoraTokenBuilder(new AgoraApp(in.appId(), in.appCert()),
                TokenEnvironment.fixed(in.issueTs(), in.salt()), AgoraNames.Charset.AGORA_SDK)
                .rtcWithRtm(in.channel(), in.account(), in.role(), in.expire(), in.privilegeExpire()).token();
        AccessToken2 parsed = new AccessToken2();
        assertThat(parsed.parse(ours)).isTrue();
        assertThat(parsed.appId).isEqualTo(in.appId());
        assertThat(parsed.issueTs & 0xFFFF_FFFFL).isEqualTo(in.issueTs());
        assertThat(parsed.salt).isEqualTo(in.salt());
        assertThat(parsed.expire).isEqualTo((int) in.expire());
        // getService(type) is the official factory for an empty service; the parsed ones are in the map
        var rtc = (AccessToken2.ServiceRtc) parsed.services.get(AccessToken2.SERVICE_TYPE_RTC);
        assertThat(rtc.getChannelName()).isEqualTo(in.channel());
        assertThat(rtc.getUid()).isEqualTo(in.account());
        assertThat(rtc.getPrivileges()).hasSize(in.role() == RtcRole.PUBLISHER ? 4 : 1);

        String official = new RtcTokenBuilder2().buildTokenWithUid(in.appId(), in.appCert(), in.channel(), (int) in.uid(),
                officialRole(in.role()), (int) in.expire(), (int) in.privilegeExpire());
        var report = AgoraVerifier.verify(official, in.appCert(), nowFrom(official));
        assertThat(report.appId()).isEqualTo(in.appId());
        var service = (AgoraService.Rtc) report.services().get(0).service();
        assertThat(service.uid()).isEqualTo(in.uid() == 0 ? "" : Long.toString(in.uid()));
        assertThat(report.expired()).isFalse();
    }

    /** Non-ASCII channel: equal where the JVM's default charset is UTF-8; otherwise the difference is
     * exactly the documented bug (the official library packs String.getBytes() in the platform charset). */
    @Test
    void nonAsciiChannelDiffersOnlyByThePlatformCharsetBug() {
        String appId = "970CA35de60c44645bbae8a215061b33";
        String cert = "5CFd2fd1755d40ecb72977518be15d3b";
        String channel = "频道1-通话";
        String official = new RtcTokenBuilder2().buildTokenWithUid(appId, cert, channel, 42,
                RtcTokenBuilder2.Role.ROLE_PUBLISHER, 3600, 3600);
        var decoded = AccessToken2Codec.decode(official);
        var env = TokenEnvironment.fixed(decoded.token().issueTs(), (int) decoded.token().salt());
        var b = new AgoraTokenBuilder(new AgoraApp(appId, cert), env, AgoraNames.Charset.UTF8);
        String ours = b.rtc(channel, RtcUser.uid(42), RtcRole.PUBLISHER, 3600, 3600).token();
        Charset platform = Charset.defaultCharset();
        String asPacked = new String(channel.getBytes(platform), StandardCharsets.UTF_8);
        if (platform.equals(StandardCharsets.UTF_8)) {
            assertThat(ours).isEqualTo(official);
        } else {
            assertThat(ours).isNotEqualTo(official);
            assertThat(b.rtc(asPacked, RtcUser.uid(42), RtcRole.PUBLISHER, 3600, 3600).token()).isEqualTo(official);
        }
        assertThat(((AgoraService.Rtc) AccessToken2Codec.decode(ours).token().services().get(0)).channel())
                .isEqualTo(channel);
    }

    static RtcTokenBuilder2.Role officialRole(RtcRole role) {
        return role == RtcRole.PUBLISHER ? RtcTokenBuilder2.Role.ROLE_PUBLISHER : RtcTokenBuilder2.Role.ROLE_SUBSCRIBER;
    }

    /** Our builder pinned to the issue time and salt the official builder happened to use. */
    static AgoraTokenBuilder ours(AgoraInputs.Input in, String officialToken) {
        assertThat(officialToken).startsWith("007");
        var t = AccessToken2Codec.decode(officialToken).token();
        return new AgoraTokenBuilder(new AgoraApp(in.appId(), in.appCert()),
                TokenEnvironment.fixed(t.issueTs(), (int) t.salt()), AgoraNames.Charset.AGORA_SDK);
    }

    static long nowFrom(String token) {
        return AccessToken2Codec.decode(token).token().issueTs() + 1;
    }
}
