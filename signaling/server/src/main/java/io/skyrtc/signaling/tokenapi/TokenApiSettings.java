package io.skyrtc.signaling.tokenapi;

import io.skyrtc.tokens.agora.AgoraNames;
import java.util.List;

/**
 * The vendor apps the token API mints for ({@code vendors.*}, docs/CONFIG.md).
 *
 * @param agoraDefaultTtlSeconds   Agora token lifetime when a request names none
 * @param tencentDefaultTtlSeconds UserSig/PrivateMapKey lifetime when a request names none
 */
public record TokenApiSettings(List<AgoraApp> agora, List<TencentApp> tencent, long agoraDefaultTtlSeconds,
                               long tencentDefaultTtlSeconds) {
    public TokenApiSettings {
        agora = List.copyOf(agora);
        tencent = List.copyOf(tencent);
    }

    /** An Agora project: the name requests use, its credentials, and the characters its names may use. */
    public record AgoraApp(String name, String appId, String appCertificate, AgoraNames.Charset charset) {}

    /** A Tencent TRTC/IM application: the name requests use, its SDKAppID and secret key. */
    public record TencentApp(String name, long sdkAppId, String secretKey) {}
}
