package io.skyrtc.tokens.agora;

import io.skyrtc.tokens.TokenException;

/** An Agora project's App ID and App Certificate, both 32 hex characters (used as text, not decoded). */
public record AgoraApp(String appId, String appCertificate) {

    public AgoraApp {
        requireHex32("appId", appId);
        requireHex32("appCertificate", appCertificate);
    }

    static void requireHex32(String field, String value) {
        if (value == null || value.length() != 32) {
            throw new TokenException(field, "must be 32 hex characters");
        }
        for (int i = 0; i < 32; i++) {
            if (Character.digit(value.charAt(i), 16) < 0) {
                throw new TokenException(field, "must be 32 hex characters");
            }
        }
    }

    @Override
    public String toString() {
        return "AgoraApp[appId=" + appId + ", appCertificate=***]";
    }
}
