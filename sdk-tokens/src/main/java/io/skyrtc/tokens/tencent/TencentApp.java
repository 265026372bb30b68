package io.skyrtc.tokens.tencent;

import io.skyrtc.tokens.TokenException;

/** A Tencent TRTC/IM application: SDKAppID and its secret key (used as UTF-8 text, not hex-decoded). */
public record TencentApp(long sdkAppId, String secretKey) {

    public TencentApp {
        if (sdkAppId < 1 || sdkAppId > 0xFFFF_FFFFL) {
            throw new TokenException("sdkAppId", "must be between 1 and " + 0xFFFF_FFFFL);
        }
        if (secretKey == null || secretKey.isBlank()) {
            throw new TokenException("secretKey", "must not be empty");
        }
    }

    @Override
    public String toString() {
        return "TencentApp[sdkAppId=" + sdkAppId + ", secretKey=***]";
    }
}
