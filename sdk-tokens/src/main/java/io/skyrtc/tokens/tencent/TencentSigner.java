package io.skyrtc.tokens.tencent;

import io.skyrtc.tokens.IssuedToken;
import io.skyrtc.tokens.TokenEnvironment;
import io.skyrtc.tokens.TokenException;
import java.time.Instant;

/**
 * Issues Tencent UserSig v2 and PrivateMapKey tickets for one application — the same bytes as
 * Tencent's Java SDK (tls-sig-api-v2) for the same time. One clock read per ticket: the SDK reads the
 * clock twice for a PrivateMapKey and can disagree with itself by a second. Thread-safe.
 */
public final class TencentSigner {
    /** Tencent's samples default to 180 days; we accept up to that. */
    public static final long MAX_EXPIRE_SECONDS = 180L * 24 * 3600;

    private final TencentApp app;
    private final TokenEnvironment env;

    public TencentSigner(TencentApp app) {
        this(app, TokenEnvironment.system());
    }

    public TencentSigner(TencentApp app, TokenEnvironment env) {
        this.app = app;
        this.env = env;
    }

    public IssuedToken userSig(String userId, long expireSeconds) {
        return userSig(userId, expireSeconds, null);
    }

    /** A UserSig carrying {@code userbuf} (null = none). */
    public IssuedToken userSig(String userId, long expireSeconds, byte[] userbuf) {
        return sign(userId, expireSeconds, userbuf, env.nowSeconds());
    }

    /** PrivateMapKey for a numeric room id with a {@link TrtcPrivileges} bitmap. */
    public IssuedToken privateMapKey(String userId, long expireSeconds, long roomId, int privileges) {
        TencentNames.roomId(roomId);
        return privateMapKey(userId, expireSeconds, 0, roomId, null, privileges);
    }

    /** PrivateMapKey for a string room id. */
    public IssuedToken privateMapKey(String userId, long expireSeconds, String roomStr, int privileges) {
        TencentNames.roomStr(roomStr);
        return privateMapKey(userId, expireSeconds, 1, 0, roomStr, privileges);
    }

    private IssuedToken privateMapKey(String userId, long expireSeconds, int version, long roomId, String roomStr,
                                      int privileges) {
        TencentNames.userId("userId", userId);
        checkExpire(expireSeconds);
        if (privileges < 0 || privileges > TrtcPrivileges.ALL) {
            throw new TokenException("privileges", "must be a bitmap between 0 and 255");
        }
        long now = env.nowSeconds();
        byte[] userbuf = new PrivateMapKeyBuf(version, userId, app.sdkAppId(), roomId, now + expireSeconds, privileges,
                0, roomStr).encode();
        return sign(userId, expireSeconds, userbuf, now);
    }

    private IssuedToken sign(String userId, long expireSeconds, byte[] userbuf, long now) {
        TencentNames.userId("userId", userId);
        checkExpire(expireSeconds);
        String sig = UserSigCodec.signature(app.secretKey(), userId, app.sdkAppId(), now, expireSeconds, userbuf);
        String token = UserSigCodec.encode(new UserSigDocument(UserSigCodec.VERSION, userId, app.sdkAppId(),
                expireSeconds, now, userbuf, sig));
        return new IssuedToken(token, Instant.ofEpochSecond(now), Instant.ofEpochSecond(now + expireSeconds));
    }

    private static void checkExpire(long expireSeconds) {
        if (expireSeconds < 1 || expireSeconds > MAX_EXPIRE_SECONDS) {
            throw new TokenException("expire", "must be between 1 and " + MAX_EXPIRE_SECONDS + " seconds");
        }
    }
}
