package io.skyrtc.signaling.cli;

import io.skyrtc.signaling.config.ConfigLoader;
import io.skyrtc.signaling.config.ConfigPrinter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "config", mixinStandardHelpOptions = true, description = "Inspect configuration.",
        subcommands = {ConfigCommand.Print.class, ConfigCommand.Keys.class})
final class ConfigCommand {

    @Command(name = "print", mixinStandardHelpOptions = true,
            description = "Print the effective configuration (defaults + file + env), secrets masked.")
    static final class Print implements Callable<Integer> {
        @Mixin
        ConfigOptions options;

        @Override
        public Integer call() {
            System.out.print(ConfigPrinter.toYaml(options.load()));
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
