package io.skyrtc.signaling.tokenapi;

import io.skyrtc.signaling.http.HttpCall;
import io.skyrtc.signaling.http.HttpEndpoint;
import io.skyrtc.signaling.http.HttpError;
import io.skyrtc.tokens.TokenException;
import io.skyrtc.tokens.agora.AgoraTokenBuilder;

/** {@code POST /v1/tokens/agora/rtm}: an RTM login token (AccessToken2). */
public final class AgoraRtmEndpoint implements HttpEndpoint {

    public record Request(String app, String userId, Long ttlSeconds) {}

    private final VendorApps apps;

    public AgoraRtmEndpoint(VendorApps apps) {
        this.apps = apps;
    }

    @Override
    public Object handle(HttpCall call) throws HttpError {
        call.requireVendorScope("agora");
        Request r = call.bodyAs(Request.class);
        VendorApps.Agora app = apps.agora(r.app(), call);
        long ttl = call.ttl(r.ttlSeconds(), apps.config().agoraDefaultTtlSeconds(), AgoraTokenBuilder.MAX_EXPIRE_SECONDS);
        try {
            return TokenReply.of(app.name(), app.builder().rtm(r.userId(), ttl));
        } catch (TokenException e) {
            throw TokenReply.badInput(e);
        }
    }
}
