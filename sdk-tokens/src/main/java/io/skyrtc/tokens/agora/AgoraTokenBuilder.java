package io.skyrtc.tokens.agora;

import io.skyrtc.tokens.IssuedToken;
import io.skyrtc.tokens.TokenEnvironment;
import io.skyrtc.tokens.TokenException;
import java.time.Instant;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Builds AccessToken2 ("007") tokens for one Agora app — the same bytes as Agora's official
 * builders (RtcTokenBuilder2, RtmTokenBuilder2, ChatTokenBuilder2) for the same issue time and salt,
 * except that text is always UTF-8. Lifetimes are seconds after issue, 1..{@value #MAX_EXPIRE_SECONDS}.
 * Thread-safe.
 */
public final class AgoraTokenBuilder {
    /** Agora caps token lifetime at 24 hours. */
    public static final long MAX_EXPIRE_SECONDS = 24 * 3600;

    private final AgoraApp app;
    private final TokenEnvironment env;
    private final AgoraNames.Charset charset;

    public AgoraTokenBuilder(AgoraApp app) {
        this(app, TokenEnvironment.system(), AgoraNames.Charset.AGORA_SDK);
    }

    public AgoraTokenBuilder(AgoraApp app, TokenEnvironment env, AgoraNames.Charset charset) {
        this.app = app;
        this.env = env;
        this.charset = charset;
    }

    /** RTC token with the role's privileges, each valid {@code privilegeExpire} seconds. */
    public IssuedToken rtc(String channel, RtcUser user, RtcRole role, long tokenExpire, long privilegeExpire) {
        return rtc(channel, user, tokenExpire, RtcPrivilegeExpiry.forRole(role, checkPrivilege("privilegeExpire", privilegeExpire)));
    }

    /** RTC token with one lifetime per privilege; a negative lifetime leaves that privilege out. */
    public IssuedToken rtc(String channel, RtcUser user, long tokenExpire, RtcPrivilegeExpiry expiry) {
        return build(tokenExpire, List.of(rtcService(channel, user, expiry)));
    }

    /** RTM login token for {@code userId}, valid {@code expire} seconds. */
    public IssuedToken rtm(String userId, long expire) {
        AgoraNames.rtmUser("userId", userId, charset);
        return build(expire, List.of(new AgoraService.Rtm(userId, single(AgoraService.Rtm.LOGIN, expire))));
    }

    /** One token for RTC (as {@code account}) and RTM login (as the same account), like buildTokenWithRtm. */
    public IssuedToken rtcWithRtm(String channel, String account, RtcRole role, long tokenExpire, long privilegeExpire) {
        AgoraNames.rtmUser("account", account, charset);
        AgoraService rtc = rtcService(channel, RtcUser.account(account),
                RtcPrivilegeExpiry.forRole(role, checkPrivilege("privilegeExpire", privilegeExpire)));
        return build(tokenExpire, List.of(rtc, new AgoraService.Rtm(account, single(AgoraService.Rtm.LOGIN, tokenExpire))));
    }

    /** Agora Chat user token. */
    public IssuedToken chatUser(String userId, long expire) {
        AgoraNames.rtmUser("userId", userId, charset);
        return build(expire, List.of(new AgoraService.Chat(userId, single(AgoraService.Chat.USER, expire))));
    }

    /** Agora Chat app (administrator) token. */
    public IssuedToken chatApp(long expire) {
        return build(expire, List.of(new AgoraService.Chat("", single(AgoraService.Chat.APP, expire))));
    }

    /** Any combination of services; the lowest-level entry point. */
    public IssuedToken build(long expire, List<AgoraService> services) {
        checkExpire("expire", expire);
        if (services.isEmpty()) {
            throw new TokenException("services", "at least one service is required");
        }
        long issueTs = env.nowSeconds();
        AccessToken2 token = new AccessToken2(app.appId(), issueTs, expire, env.salt().getAsInt() & 0xFFFF_FFFFL, services);
        return new IssuedToken(AccessToken2Codec.encode(token, app.appCertificate()), Instant.ofEpochSecond(issueTs),
                Instant.ofEpochSecond(token.expiresAtEpochSeconds()));
    }

    private AgoraService.Rtc rtcService(String channel, RtcUser user, RtcPrivilegeExpiry expiry) {
        AgoraNames.channel(channel, charset);
        if (user instanceof RtcUser.Account a) {
            AgoraNames.account("account", a.account(), charset);
        }
        SortedMap<Integer, Long> privileges = new TreeMap<>();
        privileges.put(AgoraService.Rtc.JOIN_CHANNEL, checkPrivilege("joinChannel", expiry.joinChannel()));
        putIfGranted(privileges, AgoraService.Rtc.PUBLISH_AUDIO, "publishAudio", expiry.publishAudio());
        putIfGranted(privileges, AgoraService.Rtc.PUBLISH_VIDEO, "publishVideo", expiry.publishVideo());
        putIfGranted(privileges, AgoraService.Rtc.PUBLISH_DATA, "publishData", expiry.publishData());
        return new AgoraService.Rtc(channel, user.packed(), privileges);
    }

    private static void putIfGranted(SortedMap<Integer, Long> privileges, int id, String field, long seconds) {
        if (seconds >= 0) {
            privileges.put(id, checkPrivilege(field, seconds));
        }
    }

    private static SortedMap<Integer, Long> single(int privilege, long seconds) {
        SortedMap<Integer, Long> map = new TreeMap<>();
        map.put(privilege, seconds);
        return map;
    }

    static long checkExpire(String field, long seconds) {
        if (seconds < 1 || seconds > MAX_EXPIRE_SECONDS) {
            throw new TokenException(field, "must be between 1 and " + MAX_EXPIRE_SECONDS + " seconds");
        }
        return seconds;
    }

    private static long checkPrivilege(String field, long seconds) {
        if (seconds < 0 || seconds > MAX_EXPIRE_SECONDS) {
            throw new TokenException(field, "must be between 0 and " + MAX_EXPIRE_SECONDS + " seconds");
        }
        return seconds;
    }
}
