package io.skyrtc.signaling.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar skyrtc.jar <command>}: the one entry point for operators and scripts. */
@Command(name = "skyrtc", mixinStandardHelpOptions = true, versionProvider = VersionCommand.class,
        description = "WebRTC signaling, TURN and token server for skynet and mini-program backends.",
        subcommands = {ServeCommand.class, ConfigCommand.class, ApiKeyCommand.class, TokenCommand.class, IceCheckCommand.class,
                TurnConfCommand.class, TurnCredsCommand.class, AdminCommand.class, WarmUpCommand.class,
                VersionCommand.class, CommandLine.HelpCommand.class})
public final class SkyrtcCli {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new SkyrtcCli());
        CliHelp.install(cl);
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof io.skyrtc.signaling.ops.PortInUseException) {
                cmd.getErr().println(ex.getMessage());
                return 2;
            }
            if (ex instanceof io.skyrtc.signaling.config.ConfigException) {
                cmd.getErr().println("configuration error: " + ex.getMessage());
                return 2;
            }
            if (ex instanceof io.skyrtc.turn.coturn.CoturnConfigException) {
                cmd.getErr().println(ex.getMessage());
                return 1;
            }
            if (ex instanceof io.skyrtc.tokens.TokenException t) {
                cmd.getErr().println("invalid input: " + optionFor(t.field()) + t.getMessage().substring(t.field().length()));
                return 2;
            }
            if (ex instanceof IllegalArgumentException) {
                cmd.getErr().println("invalid input: " + ex.getMessage());
                return 2;
            }
            throw ex;
        });
        return cl;
    }

    /** The CLI option a token library field comes from, so the message names what the user typed. */
    static String optionFor(String field) {
        return switch (field) {
            case "expire" -> "--expire";
            case "privilegeExpire", "privilegeExpireTs" -> "--privilege-expire";
            case "appId" -> "--app-id";
            case "appCertificate" -> "--app-cert";
            case "channel" -> "--channel";
            case "uid" -> "--uid";
            case "account" -> "--account";
            case "userId", "identifier" -> "--user";
            case "sdkAppId" -> "--sdkappid";
            case "secretKey" -> "--key";
            case "roomId" -> "--room";
            case "roomStr" -> "--room-str";
            case "privileges" -> "--privileges";
            case "userbuf" -> "--userbuf-b64";
            default -> field;
        };
    }
}
