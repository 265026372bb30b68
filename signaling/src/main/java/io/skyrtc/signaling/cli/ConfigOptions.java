package io.skyrtc.signaling.cli;

import io.skyrtc.signaling.config.ConfigLoader;
import io.skyrtc.signaling.config.SkyrtcConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options every command that reads configuration shares. */
final class ConfigOptions {
    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML config file (default: $SKYRTC_CONFIG, else built-in defaults)")
    Path file;

    @Option(names = "--port", paramLabel = "N", description = "override server.port")
    Integer port;

    @Option(names = "--dev", description = "dev mode: joins without token, any Origin, API key 'dev'")
    boolean dev;

    SkyrtcConfig load() {
        Map<String, String> env = new HashMap<>(System.getenv());
        if (port != null) {
            env.put(ConfigLoader.envName("server.port"), port.toString());
        }
        if (dev) {
            env.put(ConfigLoader.envName("server.dev"), "true");
        }
        Path f = file;
        if (f == null && env.get(ConfigLoader.CONFIG_FILE_ENV) != null) {
            f = Path.of(env.get(ConfigLoader.CONFIG_FILE_ENV));
        }
        return ConfigLoader.load(f, env);
    }
}
