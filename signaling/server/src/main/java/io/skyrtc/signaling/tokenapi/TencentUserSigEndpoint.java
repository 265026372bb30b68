package io.skyrtc.signaling.tokenapi;

import io.skyrtc.signaling.http.HttpCall;
import io.skyrtc.signaling.http.HttpEndpoint;
import io.skyrtc.signaling.http.HttpError;
import io.skyrtc.tokens.TokenException;
import io.skyrtc.tokens.tencent.TencentSigner;

/** {@code POST /v1/tokens/tencent/usersig}: a UserSig v2 for TRTC and IM. */
public final class TencentUserSigEndpoint implements HttpEndpoint {

    public record Request(String app, String userId, Long ttlSeconds) {}

    private final VendorApps apps;

    public TencentUserSigEndpoint(VendorApps apps) {
        this.apps = apps;
    }

    @Override
    public Object handle(HttpCall call) throws HttpError {
        call.requireVendorScope("tencent");
        Request r = call.bodyAs(Request.class);
        VendorApps.Tencent app = apps.tencent(r.app(), call);
        long ttl = call.ttl(r.ttlSeconds(), apps.config().tencentDefaultTtlSeconds(), TencentSigner.MAX_EXPIRE_SECONDS);
        try {
            return TokenReply.of(app.name(), app.signer().userSig(r.userId(), ttl));
        } catch (TokenException e) {
            throw TokenReply.badInput(e);
        }
    }
}
