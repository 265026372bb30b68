package io.skyrtc.signaling.cli;

import io.skyrtc.signaling.config.ConfigLoader;
import io.skyrtc.signaling.config.SkyrtcConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --config FILE}, shared by every command that reads configuration. */
final class ConfigOptions {
    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML config file (default: $SKYRTC_CONFIG, else built-in defaults); SKYRTC_* variables override it")
    Path file;

    /** What {@code serve} runs with: the room-token secret is required outside dev mode. */
    SkyrtcConfig loadForServing(ServeOverrides overrides) {
        Map<String, String> env = new HashMap<>(System.getenv());
        overrides.applyTo(env);
        return ConfigLoader.load(file(env), env);
    }

    /** For commands that serve nothing: no room-token secret needed. */
    SkyrtcConfig loadOffline() {
        Map<String, String> env = System.getenv();
        return ConfigLoader.loadOffline(file(env), env);
    }

    /** Like {@link #loadOffline()} with {@code serve}'s overrides applied (for {@code config print}). */
    SkyrtcConfig loadOffline(ServeOverrides overrides) {
        Map<String, String> env = new HashMap<>(System.getenv());
        overrides.applyTo(env);
        return ConfigLoader.loadOffline(file(env), env);
    }

    /** The config file serving reads (--config, else $SKYRTC_CONFIG), or null for defaults and env alone. */
    Path file() {
        return file(System.getenv());
    }

    private Path file(Map<String, String> env) {
        if (file == null && env.get(ConfigLoader.CONFIG_FILE_ENV) != null) {
            return Path.of(env.get(ConfigLoader.CONFIG_FILE_ENV));
        }
        return file;
    }
}
