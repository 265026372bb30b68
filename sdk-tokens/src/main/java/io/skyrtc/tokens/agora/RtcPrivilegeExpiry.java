package io.skyrtc.tokens.agora;

/** Per-privilege lifetimes in seconds after issue (0 = bounded only by the token's own expiry). */
public record RtcPrivilegeExpiry(long joinChannel, long publishAudio, long publishVideo, long publishData) {

    public static RtcPrivilegeExpiry forRole(RtcRole role, long seconds) {
        return role == RtcRole.PUBLISHER ? new RtcPrivilegeExpiry(seconds, seconds, seconds, seconds)
                : new RtcPrivilegeExpiry(seconds, -1, -1, -1);
    }
}
