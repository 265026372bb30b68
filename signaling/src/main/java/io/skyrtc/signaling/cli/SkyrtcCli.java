package io.skyrtc.signaling.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar skyrtc.jar <command>}: the one entry point for operators and scripts. */
@Command(name = "skyrtc", mixinStandardHelpOptions = true, versionProvider = SkyrtcCli.Version.class,
        description = "WebRTC signaling, TURN and token server for skynet and mini-program backends.",
        subcommands = {ServeCommand.class, ConfigCommand.class, ApiKeyCommand.class, TokenCommand.class, IceCheckCommand.class,
                TurnConfCommand.class, TurnCredsCommand.class, BenchCommand.class, GateBenchCommand.class,
                CommandLine.HelpCommand.class})
public final class SkyrtcCli {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new SkyrtcCli());
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof io.skyrtc.signaling.config.ConfigException) {
                cmd.getErr().println("configuration error: " + ex.getMessage());
                return 2;
            }
            if (ex instanceof io.skyrtc.turn.coturn.CoturnConfigException) {
                cmd.getErr().println(ex.getMessage());
                return 1;
            }
            if (ex instanceof io.skyrtc.tokens.TokenException || ex instanceof IllegalArgumentException) {
                cmd.getErr().println("invalid input: " + ex.getMessage());
                return 2;
            }
            throw ex;
        });
        return cl;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = SkyrtcCli.class.getPackage().getImplementationVersion();
            return new String[] {"skyrtc " + (v == null ? "dev" : v)};
        }
    }
}
