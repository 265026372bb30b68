package io.skyrtc.signaling.cli;

import io.skyrtc.signaling.config.ConfigLoader;
import io.skyrtc.signaling.config.ConfigPrinter;
import io.skyrtc.signaling.config.SkyrtcConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "config", mixinStandardHelpOptions = true, description = "Inspect configuration.",
        subcommands = {ConfigCommand.Print.class, ConfigCommand.Keys.class})
final class ConfigCommand {

    @Command(name = "print", mixinStandardHelpOptions = true,
            description = "Print the effective configuration (defaults + file + env, and serve's --port/--dev when "
                    + "given), secrets masked. Works without the room-token secret; it says so on stderr when serve "
                    + "would need one.")
    static final class Print implements Callable<Integer> {
        @Mixin
        ConfigOptions options;

        @Mixin
        ServeOverrides overrides;

        @Override
        public Integer call() {
            SkyrtcConfig c = options.loadOffline(overrides);
            System.out.print(ConfigPrinter.toYaml(c));
            if (!c.server().dev() && (c.auth().roomTokenSecret() == null || c.auth().roomTokenSecret().isEmpty())) {
                System.err.println("note: serve needs auth.roomTokenSecret outside dev mode "
                        + "(set SKYRTC_AUTH_ROOM_TOKEN_SECRET, at least 32 bytes)");
            }
            return 0;
        }
    }

    @Command(name = "keys", mixinStandardHelpOptions = true,
            description = "List every config key with the environment variable that overrides it.")
    static final class Keys implements Callable<Integer> {
        @Override
        public Integer call() {
            ConfigLoader.envNames().forEach((k, v) -> System.out.println(k + "\t" + v));
            return 0;
        }
    }
}
