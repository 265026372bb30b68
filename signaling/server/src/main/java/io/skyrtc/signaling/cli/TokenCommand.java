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
import java.util.Arrays;
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
    static final String CHARSET_HELP = "sdk: only the 89 characters Agora's SDKs accept (default); utf8: any UTF-8 text "
            + "without control characters, for SDK builds that accept it";
    static final String TENCENT_EXPIRE_HELP = "lifetime, 1.." + TencentSigner.MAX_EXPIRE_SECONDS + " seconds (180 days)";

    /** An enum option's value, case-insensitive, or a message listing the valid values. */
    static <E extends Enum<E>> E choice(String option, String value, Class<E> type) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(value)) {
                return e;
            }
        }
        throw new IllegalArgumentException(option + ": '" + value + "' is not one of " + String.join(", ",
                Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT)).toList()));
    }

    static AgoraNames.Charset charset(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "sdk" -> AgoraNames.Charset.AGORA_SDK;
            case "utf8", "utf-8" -> AgoraNames.Charset.UTF8;
            default -> throw new IllegalArgumentException("--charset: '" + value + "' is not one of sdk, utf8");
        };
    }

    /** Checked here so the message names --expire even when --privilege-expire defaults to it. */
    static void checkExpire(long expire) {
        if (expire < 1 || expire > AgoraTokenBuilder.MAX_EXPIRE_SECONDS) {
            throw new IllegalArgumentException("--expire: must be between 1 and " + AgoraTokenBuilder.MAX_EXPIRE_SECONDS
                    + " seconds, got " + expire);
        }
    }

    static final class AgoraCredentials {
        @Option(names = "--app-id", required = true, paramLabel = "ID", defaultValue = "${env:AGORA_APP_ID}",
                description = "App ID, 32 hex chars (default: $AGORA_APP_ID)")
        String appId;

        @Option(names = "--app-cert", required = true, paramLabel = "CERT", defaultValue = "${env:AGORA_APP_CERTIFICATE}",
                description = "App Certificate, 32 hex chars (default: $AGORA_APP_CERTIFICATE)")
        String appCert;

        AgoraApp app() {
            return new AgoraApp(appId, appCert);
        }
    }

    static final class TencentCredentials {
        @Option(names = "--sdkappid", required = true, paramLabel = "N", defaultValue = "${env:TENCENT_SDKAPPID}",
                description = "SDKAppID (default: $TENCENT_SDKAPPID)")
        long sdkAppId;

        @Option(names = "--key", required = true, paramLabel = "KEY", defaultValue = "${env:TENCENT_SECRET_KEY}",
                description = "secret key (default: $TENCENT_SECRET_KEY)")
        String key;

        TencentApp app() {
            return new TencentApp(sdkAppId, key);
        }
    }

    static final class RtcUserOption {
        @Option(names = "--uid", required = true, paramLabel = "N", description = "numeric uid, 0 = any")
        Long uid;

        @Option(names = "--account", required = true, paramLabel = "ACCOUNT", description = "string user account")
        String account;

        RtcUser user() {
            return uid != null ? RtcUser.uid(uid) : RtcUser.account(account);
        }
    }

    @Command(name = "agora-rtc", mixinStandardHelpOptions = true, description = "Agora RTC token (007, or 006 with --legacy).")
    static final class AgoraRtc implements Callable<Integer> {
        @ArgGroup(exclusive = false, multiplicity = "1")
        AgoraCredentials credentials;

        @Option(names = "--channel", required = true, paramLabel = "CHANNEL",
                description = "channel name (Agora SDK characters, <= 64 bytes; see --charset)")
        String channel;

        @ArgGroup(exclusive = true, multiplicity = "1")
        RtcUserOption user;

        @Option(names = "--role", defaultValue = "publisher", paramLabel = "ROLE",
                description = "publisher|subscriber; with --legacy also attendee|admin (default ${DEFAULT-VALUE})")
        String role;

        @Option(names = "--expire", required = true, paramLabel = "SECONDS", description = "token lifetime, 1..86400 seconds")
        long expire;

        @Option(names = "--privilege-expire", paramLabel = "SECONDS",
                description = "privilege lifetime, 0..86400 seconds (default: --expire)")
        Long privilegeExpire;

        @Option(names = "--legacy", description = "build a legacy 006 token")
        boolean legacy;

        @Option(names = "--charset", defaultValue = "sdk", paramLabel = "SET", description = CHARSET_HELP)
        String charset;

        @Override
        public Integer call() {
            checkExpire(expire);
            long privileges = privilegeExpire == null ? expire : privilegeExpire;
            IssuedToken t;
            if (legacy) {
                var env = TokenEnvironment.system();
                t = LegacyAccessToken.build(credentials.app(), channel, user.user(),
                        choice("--role", role, LegacyRole.class), env.nowSeconds() + privileges, env);
            } else {
                t = new AgoraTokenBuilder(credentials.app(), TokenEnvironment.system(), charset(charset))
                        .rtc(channel, user.user(), choice("--role", role, RtcRole.class), expire, privileges);
            }
            System.out.println(t.token());
            return 0;
        }
    }

    @Command(name = "agora-rtm", mixinStandardHelpOptions = true, description = "Agora RTM login token.")
    static final class AgoraRtm implements Callable<Integer> {
        @ArgGroup(exclusive = false, multiplicity = "1")
        AgoraCredentials credentials;

        @Option(names = "--user", required = true, paramLabel = "USER", description = "RTM user id (<= 64 bytes; see --charset)")
        String user;

        @Option(names = "--expire", required = true, paramLabel = "SECONDS", description = "token lifetime, 1..86400 seconds")
        long expire;

        @Option(names = "--charset", defaultValue = "sdk", paramLabel = "SET", description = CHARSET_HELP)
        String charset;

        @Override
        public Integer call() {
            System.out.println(new AgoraTokenBuilder(credentials.app(), TokenEnvironment.system(),
                    charset(charset)).rtm(user, expire).token());
            return 0;
        }
    }

    @Command(name = "tencent-usersig", mixinStandardHelpOptions = true, description = "Tencent UserSig v2.")
    static final class TencentUserSig implements Callable<Integer> {
        @ArgGroup(exclusive = false, multiplicity = "1")
        TencentCredentials credentials;

        @Option(names = "--user", required = true, paramLabel = "USER", description = "the user's identifier")
        String user;

        @Option(names = "--expire", required = true, paramLabel = "SECONDS", description = TENCENT_EXPIRE_HELP)
        long expire;

        @Option(names = "--userbuf-b64", paramLabel = "BASE64", description = "userbuf to embed, standard base64")
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

        @Option(names = "--user", required = true, paramLabel = "USER", description = "the user's identifier")
        String user;

        @Option(names = "--expire", required = true, paramLabel = "SECONDS", description = TENCENT_EXPIRE_HELP)
        long expire;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Room room;

        @Option(names = "--privileges", required = true, paramLabel = "BITS", description = "bitmap 0-255 (255 all, 42 audience)")
        int privileges;

        static final class Room {
            @Option(names = "--room", required = true, paramLabel = "N", description = "numeric room id")
            Long id;

            @Option(names = "--room-str", required = true, paramLabel = "ROOM", description = "string room id")
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
