package io.skyrtc.signaling.reload;

import io.skyrtc.signaling.SkyrtcServer;
import io.skyrtc.signaling.auth.ApiKeys;
import io.skyrtc.signaling.config.ConfigLoader;
import io.skyrtc.signaling.testing.TestServers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A production config file the reload tests rewrite: one API key, one TURN secret, one allowed Origin. */
public final class ReloadConfigFile {
    public final Path file;

    public ReloadConfigFile(Path dir) {
        this.file = dir.resolve("skyrtc.yaml");
    }

    /** {@code extra} is appended as is (more top-level keys). */
    public ReloadConfigFile write(String apiKey, String turnSecret, String origin, String extra) throws Exception {
        String yaml = """
                server:
                  host: 127.0.0.1
                  port: 0
                  warmUpMs: 0
                  allowedOrigins: [%s]
                auth:
                  roomTokenSecret: %s
                  apiKeys:
                    - name: ops
                      sha256: %s
                      scopes: [room, turn, admin]
                      ratePerMinute: 100000
                      rateBurst: 10000
                limits:
                  ratePerSecond: 1000
                  rateBurst: 1000
                turn:
                  urls: [turn:127.0.0.1:3478]
                  secrets: [%s]
                  healthIntervalMs: 0
                """.formatted(origin, TestServers.SECRET, ApiKeys.sha256Hex(apiKey), turnSecret) + extra;
        // written aside and moved: a reader never sees half a file
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, yaml, StandardCharsets.UTF_8);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return this;
    }

    /** Adds {@code lines} under the top-level {@code section} the file already has. */
    ReloadConfigFile append(String section, String lines) throws Exception {
        String yaml = Files.readString(file, StandardCharsets.UTF_8).replace(section + ":\n", section + ":\n" + lines);
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return this;
    }

    /** A server that reloads from this file (no environment). */
    public SkyrtcServer start() throws Exception {
        return new SkyrtcServer(ConfigLoader.load(file, Map.of()))
                .reloadFrom(file, () -> ConfigLoader.load(file, Map.of())).start();
    }
}
