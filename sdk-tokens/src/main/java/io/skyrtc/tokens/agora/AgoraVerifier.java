package io.skyrtc.tokens.agora;

import io.skyrtc.tokens.TokenException;
import io.skyrtc.tokens.codec.Hmac;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks an AccessToken2's signature over the bytes as received (never re-serialized, constant-time
 * compare) and reports expiry for the token and each privilege at a given time.
 */
public final class AgoraVerifier {
    private AgoraVerifier() {
    }

    /** @throws TokenException (field {@code token}) when malformed or the signature does not match */
    public static Report verify(String token, String appCertificate, long nowEpochSeconds) {
        DecodedAccessToken2 decoded = AccessToken2Codec.decode(token);
        AccessToken2 t = decoded.token();
        byte[] expected = AccessToken2Codec.sign(appCertificate, t.issueTs(), t.salt(), decoded.signingInfo());
        if (!Hmac.equal(expected, decoded.signature())) {
            throw new TokenException("token", "signature does not match this app certificate");
        }
        long tokenEnd = t.expiresAtEpochSeconds();
        boolean expired = nowEpochSeconds > tokenEnd;
        List<ServiceReport> services = new ArrayList<>();
        for (AgoraService s : t.services()) {
            List<PrivilegeReport> privileges = new ArrayList<>();
            for (Map.Entry<Integer, Long> p : s.privileges().entrySet()) {
                // 0 means no limit of its own: the privilege lives as long as the token.
                long end = p.getValue() == 0 ? tokenEnd : Math.min(tokenEnd, t.issueTs() + p.getValue());
                privileges.add(new PrivilegeReport(p.getKey(), privilegeName(s.type(), p.getKey()),
                        Instant.ofEpochSecond(end), nowEpochSeconds <= end));
            }
            services.add(new ServiceReport(s.type(), serviceName(s.type()), s, privileges));
        }
        return new Report(t.appId(), Instant.ofEpochSecond(t.issueTs()), Instant.ofEpochSecond(tokenEnd), expired,
                t.salt(), services, decoded.unknownServiceTypes());
    }

    public record Report(String appId, Instant issuedAt, Instant expiresAt, boolean expired, long salt,
                         List<ServiceReport> services, List<Integer> unknownServiceTypes) {
    }

    public record ServiceReport(int type, String name, AgoraService service, List<PrivilegeReport> privileges) {
    }

    public record PrivilegeReport(int id, String name, Instant expiresAt, boolean valid) {
    }

    static String serviceName(int type) {
        return switch (type) {
            case AgoraService.RTC -> "rtc";
            case AgoraService.RTM -> "rtm";
            case AgoraService.STREAMING -> "streaming";
            case AgoraService.FPA -> "fpa";
            case AgoraService.CHAT -> "chat";
            case AgoraService.FCDN -> "fcdn";
            case AgoraService.APAAS -> "apaas";
            default -> "unknown-" + type;
        };
    }

    static String privilegeName(int service, int privilege) {
        return switch (service * 100 + privilege) {
            case 101 -> "joinChannel";
            case 102 -> "publishAudioStream";
            case 103 -> "publishVideoStream";
            case 104 -> "publishDataStream";
            case 201, 401 -> "login";
            case 301 -> "publishMixStream";
            case 302 -> "publishRawStream";
            case 501 -> "chatUser";
            case 502 -> "chatApp";
            case 601 -> "publish";
            case 602 -> "play";
            case 701 -> "roomUser";
            case 702 -> "user";
            case 703 -> "app";
            default -> "privilege-" + privilege;
        };
    }
}
