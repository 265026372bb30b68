package io.skyrtc.signaling.tokenapi;

import io.skyrtc.signaling.http.HttpCall;
import io.skyrtc.signaling.http.HttpEndpoint;
import io.skyrtc.signaling.http.HttpError;
import io.skyrtc.tokens.TokenException;
import io.skyrtc.tokens.tencent.TencentSigner;

/** {@code POST /v1/tokens/tencent/privmapkey}: a PrivateMapKey for a numeric or string room. */
public final class TencentPrivateMapKeyEndpoint implements HttpEndpoint {

    /** Exactly one of {@code roomId} and {@code roomStr}; {@code privileges} is the 8-bit map. */
    public record Request(String app, String userId, Long roomId, String roomStr, Integer privileges, Long ttlSeconds) {}

    private final VendorApps apps;

    public TencentPrivateMapKeyEndpoint(VendorApps apps) {
        this.apps = apps;
    }

    @Override
    public Object handle(HttpCall call) throws HttpError {
        call.requireVendorScope("tencent");
        Request r = call.bodyAs(Request.class);
        VendorApps.Tencent app = apps.tencent(r.app(), call);
        if ((r.roomId() == null) == (r.roomStr() == null)) {
            throw HttpError.badRequest("roomId", "give exactly one of roomId and roomStr");
        }
        if (r.privileges() == null) {
            throw HttpError.badRequest("privileges", "required: a bitmap 0-255 (255 = all, 42 = audience)");
        }
        long ttl = call.ttl(r.ttlSeconds(), apps.config().tencentDefaultTtlSeconds(), TencentSigner.MAX_EXPIRE_SECONDS);
        try {
            return TokenReply.of(app.name(), r.roomId() != null
                    ? app.signer().privateMapKey(r.userId(), ttl, r.roomId(), r.privileges())
                    : app.signer().privateMapKey(r.userId(), ttl, r.roomStr(), r.privileges()));
        } catch (TokenException e) {
            throw TokenReply.badInput(e);
        }
    }
}
