package io.skyrtc.signaling.cli;

import io.skyrtc.tokens.IssuedToken;
import io.skyrtc.tokens.TokenEnvironment;
import io.skyrtc.tokens.agora.AgoraApp;
import io.skyrtc.tokens.agora.AgoraNames;
import io.skyrtc.tokens.agora.AgoraTokenBuilder;
import io.skyrtc.tokens.agora.LegacyAccessToken;
import io.skyrtc.tokens.agora.LegacyRole;
import io.skyrtc.tokens.agora.RtcRole;
import io.skyrtc.tokens.agora.RtcUser;
import io.skyrtc.tokens.tencent.TencentApp;
import io.skyrtc.tokens.tencent.TencentSigner;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code skyrtc token ...}: mint vendor tokens from scripts. Only the token goes to stdout. Secrets
 * may come from the environment (AGORA_APP_CERTIFICATE, TENCENT_SECRET_KEY) to keep them out of
 * {@code ps}. Bad input exits 2 with the offending field on stderr.
 */
@Command(name = "token", mixinStandardHelpOptions = true, description = "Mint or verify Agora/Tencent tokens.",
        subcommands = {TokenCommand.AgoraRtc.class, TokenCommand.AgoraRtm.class, TokenCommand.TencentUserSig.class,
                TokenCommand.TencentPrivMapKey.class, TokenVerifyCommand.class})
final class TokenCommand {

    static final class AgoraCredentials {
        @Option(names = "--app-id", required = true, defaultValue = "${env:AGORA_APP_ID}", description = "32 hex chars")
        String appId;

        @Option(names = "--app-cert", required = true, defaultValue = "${env:AGORA_APP_CERTIFICATE}",
                description = "32 hex chars (default: $AGORA_APP_CERTIFICATE)")
        String appCert;

        AgoraApp app() {
            return new AgoraApp(appId, appCert);
        }
    }

    static final class TencentCredentials {
        @Option(names = "--sdkappid", required = true, defaultValue = "${env:TENCENT_SDKAPPID}")
        long sdkAppId;

        @Option(names = "--key", required = true, defaultValue = "${env:TENCENT_SECRET_KEY}",
                description = "secret key (default: $TENCENT_SECRET_KEY)")
        String key;

        TencentApp app() {
            return new TencentApp(sdkAppId, key);
        }
    }

    static final class RtcUserOption {
        @Option(names = "--uid", required = true, description = "numeric uid, 0 = any")
        Long uid;

        @Option(names = "--account", required = true, description = "string user account")
        String account;

        RtcUser user() {
            return uid != null ? RtcUser.uid(uid) : RtcUser.account(account);
        }
    }

    @Command(name = "agora-rtc", mixinStandardHelpOptions = true, description = "Agora RTC token (007, or 006 with --legacy).")
    static final class AgoraRtc implements Callable<Integer> {
        @ArgGroup(exclusive = false, multiplicity = "1")
        AgoraCredentials credentials;

        @Option(names = "--channel", required = true)
        String channel;

        @ArgGroup(exclusive = true, multiplicity = "1")
        RtcUserOption user;

        @Option(names = "--role", defaultValue = "publisher",
                description = "publisher|subscriber (006 also attendee|admin)")
        String role;

        @Option(names = "--expire", required = true, description = "token lifetime, seconds (<= 86400)")
        long expire;

        @Option(names = "--privilege-expire", description = "privilege lifetime, seconds (default: --expire)")
        Long privilegeExpire;

        @Option(names = "--legacy", description = "build a legacy 006 token")
        boolean legacy;

        @Override
        public Integer call() {
            long privileges = privilegeExpire == null ? expire : privilegeExpire;
            IssuedToken t;
            if (legacy) {
                var env = TokenEnvironment.system();
                t = LegacyAccessToken.build(credentials.app(), channel, user.user(),
                        LegacyRole.valueOf(role.toUpperCase(Locale.ROOT)), env.nowSeconds() + privileges, env);
            } else {
                t = new AgoraTokenBuilder(credentials.app()).rtc(channel, user.user(),
                        RtcRole.valueOf(role.toUpperCase(Locale.ROOT)), expire, privileges);
            }
            System.out.println(t.token());
            return 0;
        }
    }

    @Command(name = "agora-rtm", mixinStandardHelpOptions = true, description = "Agora RTM login token.")
    static final class AgoraRtm implements Callable<Integer> {
        @ArgGroup(exclusive = false, multiplicity = "1")
        AgoraCredentials credentials;

        @Option(names = "--user", required = true)
        String user;

        @Option(names = "--expire", required = true)
        long expire;

        @Override
        public Integer call() {
            System.out.println(new AgoraTokenBuilder(credentials.app(), TokenEnvironment.system(),
                    AgoraNames.Charset.AGORA_SDK).rtm(user, expire).token());
            return 0;
        }
    }

    @Command(name = "tencent-usersig", mixinStandardHelpOptions = true, description = "Tencent UserSig v2.")
    static final class TencentUserSig implements Callable<Integer> {
        @ArgGroup(exclusive = false, multiplicity = "1")
        TencentCredentials credentials;

        @Option(names = "--user", required = true)
        String user;

        @Option(names = "--expire", required = true)
        long expire;

        @Option(names = "--userbuf-b64", description = "userbuf to embed, standard base64")
        String userbuf;

        @Override
        public Integer call() {
            byte[] buf = userbuf == null ? null : Base64.getDecoder().decode(userbuf);
            System.out.println(new TencentSigner(credentials.app()).userSig(user, expire, buf).token());
            return 0;
        }
    }

    @Command(name = "tencent-privmapkey", mixinStandardHelpOptions = true, description = "Tencent PrivateMapKey.")
    static final class TencentPrivMapKey implements Callable<Integer> {
        @ArgGroup(exclusive = false, multiplicity = "1")
        TencentCredentials credentials;

        @Option(names = "--user", required = true)
        String user;

        @Option(names = "--expire", required = true)
        long expire;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Room room;

        @Option(names = "--privileges", required = true, description = "bitmap 0-255 (255 all, 42 audience)")
        int privileges;

        static final class Room {
            @Option(names = "--room", required = true)
            Long id;

            @Option(names = "--room-str", required = true)
            String str;
        }

        @Override
        public Integer call() {
            TencentSigner signer = new TencentSigner(credentials.app());
            System.out.println((room.id != null ? signer.privateMapKey(user, expire, room.id, privileges)
                    : signer.privateMapKey(user, expire, room.str, privileges)).token());
            return 0;
        }
    }
}
