package io.skyrtc.signaling.cli;

import io.skyrtc.signaling.config.ConfigLoader;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --port} and {@code --dev}: the overrides of {@code serve} (and of {@code config print}, to show them). */
final class ServeOverrides {
    @Option(names = "--port", paramLabel = "N", description = "listen on port N (overrides server.port; 0 = any free port)")
    Integer port;

    @Option(names = "--dev", description = "dev mode: joins without a room token, any Origin, API key 'dev', binds 127.0.0.1")
    boolean dev;

    @Option(names = "--tls", description = "with --dev: https/wss with a self-signed certificate made at start and kept "
            + "under server.tls.devDir (its SHA-256 fingerprint is printed)")
    boolean tls;

    void applyTo(Map<String, String> env) {
        if (tls) {
            env.put(ConfigLoader.envName("server.tls.dev"), "true");
        }
        if (port != null) {
            env.put(ConfigLoader.envName("server.port"), port.toString());
        }
        if (dev) {
            env.put(ConfigLoader.envName("server.dev"), "true");
        }
    }
}
