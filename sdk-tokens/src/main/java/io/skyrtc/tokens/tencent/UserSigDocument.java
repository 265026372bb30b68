package io.skyrtc.tokens.tencent;

/**
 * The JSON document inside a UserSig. {@code expire} is seconds after {@code time}; {@code userbuf}
 * is null for a plain UserSig and the PrivateMapKey buffer otherwise; {@code sig} is base64 HMAC.
 */
public record UserSigDocument(String version, String identifier, long sdkAppId, long expire, long time,
                              byte[] userbuf, String sig) {

    public long expiresAtEpochSeconds() {
        return time + expire;
    }
}
