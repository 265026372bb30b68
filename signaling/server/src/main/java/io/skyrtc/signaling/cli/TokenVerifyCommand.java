package io.skyrtc.signaling.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.skyrtc.tokens.TokenException;
import io.skyrtc.tokens.agora.AgoraVerifier;
import io.skyrtc.tokens.agora.LegacyAccessToken;
import io.skyrtc.tokens.tencent.PrivateMapKeyBuf;
import io.skyrtc.tokens.tencent.TencentApp;
import io.skyrtc.tokens.tencent.UserSigCodec;
import io.skyrtc.tokens.tencent.UserSigDocument;
import io.skyrtc.tokens.tencent.UserSigVerifier;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code skyrtc token verify TOKEN ...}: checks the signature and prints the decoded fields as JSON.
 * Exit 0 = valid and unexpired, 1 = signature/mismatch failure or expired, 2 = bad arguments.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Verify a token and print its fields as JSON (007/006 with --app-cert, UserSig with --sdkappid/--key/--user).")
final class TokenVerifyCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = CliJson.JSON;

    @Parameters(paramLabel = "TOKEN", description = "the token: 007..., 006... or a UserSig/PrivateMapKey")
    String token;

    @Option(names = "--app-cert", paramLabel = "CERT", defaultValue = "${env:AGORA_APP_CERTIFICATE}",
            description = "Agora App Certificate (default: $AGORA_APP_CERTIFICATE)")
    String appCert;

    @Option(names = "--channel", paramLabel = "CHANNEL", description = "006 only: the channel the token is for")
    String channel;

    @Option(names = "--uid", paramLabel = "UID", description = "006 only: the uid or account the token is for (\"\" = uid 0)")
    String uid;

    @Option(names = "--sdkappid", paramLabel = "N", defaultValue = "${env:TENCENT_SDKAPPID}",
            description = "Tencent SDKAppID (default: $TENCENT_SDKAPPID)")
    Long sdkAppId;

    @Option(names = "--key", paramLabel = "KEY", defaultValue = "${env:TENCENT_SECRET_KEY}",
            description = "Tencent secret key (default: $TENCENT_SECRET_KEY)")
    String key;

    @Option(names = "--user", paramLabel = "USER", description = "UserSig: the identifier it must be for")
    String user;

    @Override
    public Integer call() throws Exception {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> out = new LinkedHashMap<>();
        boolean expired;
        try {
            if (token.startsWith("007") && appCert != null) {
                AgoraVerifier.Report r = AgoraVerifier.verify(token, appCert, now);
                out.put("format", "agora-007");
                out.put("report", r);
                expired = r.expired();
            } else if (token.startsWith("006") && appCert != null) {
                if (channel == null || uid == null) {
                    System.err.println("a 006 token does not carry its channel and uid: give --channel and --uid");
                    return 2;
                }
                LegacyAccessToken.Report r = LegacyAccessToken.verify(token, appCert, channel, uid, now);
                out.put("format", "agora-006");
                out.put("report", r);
                expired = r.expired();
            } else if (sdkAppId != null && key != null && user != null) {
                // Verify every other check at issue time; expiry is reported rather than thrown.
                UserSigDocument d = UserSigVerifier.verifyAnyUserbuf(new TencentApp(sdkAppId, key), token, user,
                        UserSigCodec.decode(token).time());
                out.put("format", d.userbuf() == null ? "tencent-usersig" : "tencent-privmapkey");
                out.put("identifier", d.identifier());
                out.put("sdkAppId", d.sdkAppId());
                out.put("issuedAt", Instant.ofEpochSecond(d.time()).toString());
                out.put("expiresAt", Instant.ofEpochSecond(d.expiresAtEpochSeconds()).toString());
                if (d.userbuf() != null) {
                    out.put("privateMapKey", PrivateMapKeyBuf.decode(d.userbuf()));
                }
                expired = now > d.expiresAtEpochSeconds();
            } else {
                System.err.println("give --app-cert for Agora tokens, or --sdkappid, --key and --user for UserSig");
                return 2;
            }
        } catch (TokenException e) {
            System.err.println("invalid: " + e.getMessage());
            return 1;
        }
        out.put("expired", expired);
        System.out.println(JSON.writeValueAsString(out));
        return expired ? 1 : 0;
    }
}
