package io.skyrtc.signaling.tokenapi;

import io.skyrtc.signaling.http.HttpCall;
import io.skyrtc.signaling.http.HttpEndpoint;
import io.skyrtc.signaling.http.HttpError;
import io.skyrtc.tokens.IssuedToken;
import io.skyrtc.tokens.TokenEnvironment;
import io.skyrtc.tokens.TokenException;
import io.skyrtc.tokens.agora.AgoraTokenBuilder;
import io.skyrtc.tokens.agora.LegacyAccessToken;
import io.skyrtc.tokens.agora.LegacyRole;
import io.skyrtc.tokens.agora.RtcPrivilegeExpiry;
import io.skyrtc.tokens.agora.RtcRole;
import io.skyrtc.tokens.agora.RtcUser;
import java.util.Locale;

/**
 * {@code POST /v1/tokens/agora/rtc}: an RTC token (AccessToken2 "007" by default, or legacy "006")
 * for a uid or a user account, by role or with one lifetime per privilege, optionally with RTM login.
 */
public final class AgoraRtcEndpoint implements HttpEndpoint {

    /** Per-privilege lifetimes in seconds; an omitted privilege is not granted. */
    public record Privileges(Long joinChannel, Long publishAudio, Long publishVideo, Long publishData) {}

    public record Request(String app, String channel, Long uid, String account, String role, Long ttlSeconds,
                          Long privilegeTtlSeconds, Privileges privileges, Boolean withRtm, String version) {}

    private final VendorApps apps;
    private final TokenEnvironment env;

    public AgoraRtcEndpoint(VendorApps apps, TokenEnvironment env) {
        this.apps = apps;
        this.env = env;
    }

    @Override
    public Object handle(HttpCall call) throws HttpError {
        call.requireVendorScope("agora");
        Request r = call.bodyAs(Request.class);
        VendorApps.Agora app = apps.agora(r.app(), call);
        if (r.channel() == null) {
            throw HttpError.badRequest("channel", "required");
        }
        if ((r.uid() == null) == (r.account() == null)) {
            throw HttpError.badRequest("uid", "give exactly one of uid (0 = any) and account");
        }
        long ttl = call.ttl(r.ttlSeconds(), apps.config().agoraDefaultTtlSeconds(), AgoraTokenBuilder.MAX_EXPIRE_SECONDS);
        // every lifetime the token carries is capped by the key, not only the token's own
        long privilegeTtl = r.privilegeTtlSeconds() == null ? ttl
                : call.capByKey("privilegeTtlSeconds", r.privilegeTtlSeconds());
        String version = r.version() == null ? "007" : r.version();
        try {
            RtcUser user = r.uid() != null ? RtcUser.uid(r.uid()) : RtcUser.account(r.account());
            IssuedToken issued = switch (version) {
                case "007" -> build007(app.builder(), r, user, ttl, privilegeTtl, call);
                case "006" -> build006(app, r, user, privilegeTtl, call);
                default -> throw HttpError.badRequest("version", "\"007\" (AccessToken2, default) or \"006\" (legacy)");
            };
            return TokenReply.of(app.name(), issued);
        } catch (TokenException e) {
            throw TokenReply.badInput(e);
        }
    }

    private IssuedToken build007(AgoraTokenBuilder b, Request r, RtcUser user, long ttl, long privilegeTtl,
                                 HttpCall call) throws HttpError {
        if (Boolean.TRUE.equals(r.withRtm())) {
            if (r.account() == null || r.privileges() != null) {
                throw HttpError.badRequest("withRtm", "needs an account, and a role rather than per-privilege lifetimes");
            }
            return b.rtcWithRtm(r.channel(), r.account(), role(r.role()), ttl, privilegeTtl);
        }
        if (r.privileges() != null) {
            if (r.role() != null || r.privilegeTtlSeconds() != null) {
                throw HttpError.badRequest("privileges", "give either privileges or role/privilegeTtlSeconds");
            }
            Privileges p = r.privileges();
            if (p.joinChannel() == null) {
                throw HttpError.badRequest("privileges.joinChannel", "required (seconds after issue)");
            }
            return b.rtc(r.channel(), user, ttl, new RtcPrivilegeExpiry(
                    call.capByKey("privileges.joinChannel", p.joinChannel()),
                    call.capByKey("privileges.publishAudio", orNone(p.publishAudio())),
                    call.capByKey("privileges.publishVideo", orNone(p.publishVideo())),
                    call.capByKey("privileges.publishData", orNone(p.publishData()))));
        }
        return b.rtc(r.channel(), user, role(r.role()), ttl, privilegeTtl);
    }

    private IssuedToken build006(VendorApps.Agora app, Request r, RtcUser user, long privilegeTtl, HttpCall call)
            throws HttpError {
        if (r.privileges() != null || Boolean.TRUE.equals(r.withRtm())) {
            throw HttpError.badRequest("version", "\"006\" supports role and privilegeTtlSeconds only");
        }
        LegacyRole role;
        try {
            role = r.role() == null ? LegacyRole.PUBLISHER : LegacyRole.valueOf(r.role().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("role", "attendee, publisher, subscriber or admin");
        }
        if (privilegeTtl < 1 || privilegeTtl > AgoraTokenBuilder.MAX_EXPIRE_SECONDS) {
            throw HttpError.badRequest("privilegeTtlSeconds", "between 1 and " + AgoraTokenBuilder.MAX_EXPIRE_SECONDS);
        }
        // a 006 token itself lives 24 h (Agora's builders); a key with a shorter maximum gets a shorter one
        long tokenLifetime = Math.min(LegacyAccessToken.MESSAGE_LIFETIME_SECONDS, call.keyMaxTtl());
        return LegacyAccessToken.build(app.app(), r.channel(), user, role, env.nowSeconds() + privilegeTtl,
                tokenLifetime, env);
    }

    private static RtcRole role(String role) throws HttpError {
        if (role == null || role.equals("publisher")) {
            return RtcRole.PUBLISHER;
        }
        if (role.equals("subscriber")) {
            return RtcRole.SUBSCRIBER;
        }
        throw HttpError.badRequest("role", "publisher or subscriber");
    }

    private static long orNone(Long seconds) {
        return seconds == null ? -1 : seconds;
    }
}
