package io.skyrtc.signaling.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nulls in a config file (found by ConfigLoaderFuzzTest: `server: ~` was a NullPointerException). */
class ConfigNullsTest {
    @TempDir
    Path dir;

    private SkyrtcConfig load(String yaml) throws Exception {
        Path f = dir.resolve("skyrtc.yaml");
        Files.writeString(f, yaml);
        return ConfigLoader.load(f, Map.of());
    }

    @Test
    void aNullKeyKeepsItsDefault() throws Exception {
        SkyrtcConfig defaults = ConfigLoader.load(null, Map.of("SKYRTC_SERVER_DEV", "true"));
        SkyrtcConfig c = load("server:\n  dev: true\n  allowedOrigins: ~\n  port:\nauth: ~\nrooms:\n");
        assertThat(c).isEqualTo(defaults);
    }

    @Test
    void aNullInsideAListIsRefusedByName() {
        assertThatThrownBy(() -> load("server:\n  dev: true\n  allowedOrigins: [https://a.example, ~]\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("server.allowedOrigins[1]");
        assertThatThrownBy(() -> load("server:\n  dev: true\nauth:\n  apiKeys: [~]\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("auth.apiKeys[0]");
    }
}
