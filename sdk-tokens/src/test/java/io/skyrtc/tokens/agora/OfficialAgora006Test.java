package io.skyrtc.tokens.agora;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agora.media.AccessToken;
import io.agora.media.RtcTokenBuilder;
import io.skyrtc.tokens.TokenEnvironment;
import io.skyrtc.tokens.TokenException;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Legacy "006" against the official Java AccessToken: identical bytes for the same salt, ts and
 * privileges; where the official RtcTokenBuilder is known to be wrong (uid ≥ 2^31 packed signed,
 * attendee/subscriber swapped), the difference is exactly that bug.
 */
class OfficialAgora006Test {

    static List<AgoraInputs.Input> inputs() {
        return AgoraInputs.generate(6, 40);
    }

    @ParameterizedTest
    @MethodSource("inputs")
    void sameMessageGivesTheOfficialBytes(AgoraInputs.Input in) throws Exception {
        String uid = RtcUser.uid(in.uid()).packed();
        long privilegeTs = in.issueTs() + in.privilegeExpire();
        AccessToken official = new AccessToken(in.appId(), in.appCert(), in.channel(), uid);
        official.message.salt = in.salt();
        official.message.ts = (int) (in.issueTs() + 86_400);
        official.addPrivilege(AccessToken.Privileges.kJoinChannel, (int) privilegeTs);
        official.addPrivilege(AccessToken.Privileges.kPublishAudioStream, (int) privilegeTs);
        String ours = LegacyAccessToken.build(new AgoraApp(in.appId(), in.appCert()), in.channel(),
                RtcUser.uid(in.uid()), LegacyRole.SUBSCRIBER, privilegeTs, TokenEnvironment.fixed(in.issueTs(), in.salt()))
                .token();
        // Our subscriber has join only; add publish-audio the way the official message above has it.
        SortedMap<Integer, Long> privileges = new TreeMap<>(LegacyAccessToken.decode(ours).message().privileges());
        privileges.put(2, privilegeTs);
        String oursWithAudio = LegacyAccessToken.encode(new AgoraApp(in.appId(), in.appCert()), in.channel(), uid,
                new LegacyAccessToken.Message(in.salt() & 0xFFFF_FFFFL, in.issueTs() + 86_400, privileges));
        assertThat(oursWithAudio).isEqualTo(official.build());

        var report = LegacyAccessToken.verify(official.build(), in.appCert(), in.channel(), uid, in.issueTs());
        assertThat(report.expired()).isFalse();
        assertThat(report.privilegeValid()).containsEntry(1, true).containsEntry(2, true);
        AccessToken parsed = new AccessToken(in.appId(), in.appCert(), in.channel(), uid);
        assertThat(parsed.fromString(ours)).isTrue();
        assertThat(parsed.message.salt).isEqualTo(in.salt());
        assertThat(parsed.message.messages).containsOnlyKeys((short) 1);
    }

    @Test
    void officialBuilderDiffersExactlyByItsUidAndRoleBugs() {
        var in = inputs().get(4); // uid 2882341273 ≥ 2^31
        assertThat(in.uid()).isEqualTo(2_882_341_273L);
        long privilegeTs = in.issueTs() + 3600;
        for (LegacyRole role : LegacyRole.values()) {
            String official = new RtcTokenBuilder().buildTokenWithUid(in.appId(), in.appCert(), in.channel(),
                    (int) in.uid(), officialRole(role), (int) privilegeTs);
            var decoded = LegacyAccessToken.decode(official);
            var env = TokenEnvironment.fixed(decoded.message().ts() - 86_400, (int) decoded.message().salt());
            var app = new AgoraApp(in.appId(), in.appCert());
            String ours = LegacyAccessToken.build(app, in.channel(), RtcUser.uid(in.uid()), role, privilegeTs, env).token();
            assertThat(ours).isNotEqualTo(official);
            // Bug 1: the official packs String.valueOf(int) — a negative number — as the uid.
            String signedUid = String.valueOf((int) in.uid());
            assertThat(signedUid).isEqualTo("-1412626023");
            LegacyAccessToken.verify(official, in.appCert(), in.channel(), signedUid, env.nowSeconds());
            assertThatThrownBy(() -> LegacyAccessToken.verify(official, in.appCert(), in.channel(), "2882341273", 0))
                    .isInstanceOf(TokenException.class).hasMessageContaining("uid");
            // Bug 2: attendee gets join only and subscriber gets publish (the documented map is the reverse).
            LegacyRole officialEffective = switch (role) {
                case ATTENDEE -> LegacyRole.SUBSCRIBER;
                case SUBSCRIBER -> LegacyRole.PUBLISHER;
                default -> role;
            };
            String reproduced = LegacyAccessToken.encode(app, in.channel(), signedUid, new LegacyAccessToken.Message(
                    decoded.message().salt(), decoded.message().ts(),
                    LegacyAccessToken.decode(LegacyAccessToken.build(app, in.channel(), RtcUser.uid(in.uid()),
                            officialEffective, privilegeTs, env).token()).message().privileges()));
            assertThat(reproduced).isEqualTo(official);
            assertThat(LegacyAccessToken.verify(ours, in.appCert(), in.channel(), "2882341273", env.nowSeconds())
                    .privilegeValid()).hasSize(role.publishes() ? 4 : 1);
        }
    }

    @Test
    void verifyRejectsWrongChannelCertificateAndReportsExpiry() {
        var app = new AgoraApp("970CA35de60c44645bbae8a215061b33", "5CFd2fd1755d40ecb72977518be15d3b");
        var env = TokenEnvironment.fixed(1_700_000_000L, 7);
        String token = LegacyAccessToken.build(app, "room", RtcUser.account("alice"), LegacyRole.PUBLISHER,
                1_700_000_600L, env).token();
        assertThatThrownBy(() -> LegacyAccessToken.verify(token, app.appCertificate(), "other", "alice", 0))
                .isInstanceOf(TokenException.class).extracting(e -> ((TokenException) e).field()).isEqualTo("channel");
        assertThatThrownBy(() -> LegacyAccessToken.verify(token, "5CFd2fd1755d40ecb72977518be15d3c", "room", "alice", 0))
                .hasMessageContaining("signature");
        assertThat(LegacyAccessToken.verify(token, app.appCertificate(), "room", "alice", 1_700_000_600L)
                .privilegeValid()).containsEntry(1, true);
        assertThat(LegacyAccessToken.verify(token, app.appCertificate(), "room", "alice", 1_700_000_601L)
                .privilegeValid()).containsEntry(1, false);
        assertThat(LegacyAccessToken.verify(token, app.appCertificate(), "room", "alice", 1_700_086_401L).expired())
                .isTrue();
        assertThatThrownBy(() -> LegacyAccessToken.decode("006" + app.appId() + "AAAA"))
                .isInstanceOf(TokenException.class).hasMessageContaining("malformed");
    }

    static RtcTokenBuilder.Role officialRole(LegacyRole role) {
        return switch (role) {
            case ATTENDEE -> RtcTokenBuilder.Role.Role_Attendee;
            case PUBLISHER -> RtcTokenBuilder.Role.Role_Publisher;
            case SUBSCRIBER -> RtcTokenBuilder.Role.Role_Subscriber;
            case ADMIN -> RtcTokenBuilder.Role.Role_Admin;
        };
    }
}
