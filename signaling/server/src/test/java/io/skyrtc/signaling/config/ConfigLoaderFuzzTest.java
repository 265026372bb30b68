package io.skyrtc.signaling.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * A config file (and environment) as an operator may write it: {@link ConfigLoader#load} yields a
 * config or throws {@link ConfigException} with a message, nothing else (no NPE, no Jackson or
 * SnakeYAML exception, no IllegalStateException from a validator). Loading is deterministic and an
 * accepted config can always be printed ({@code skyrtc config print}). Input = the YAML file; its
 * comment lines {@code #env NAME=value} also become environment variables.
 */
class ConfigLoaderFuzzTest {
    private static final Path FILE = tempFile();

    @FuzzTest
    void loadGivesAConfigOrConfigException(byte[] input) throws IOException {
        Map<String, String> env = new TreeMap<>();
        for (String line : new String(input, StandardCharsets.UTF_8).split("\n")) {
            int eq = line.indexOf('=');
            if (line.startsWith("#env ") && eq > 5) {
                env.put(line.substring(5, eq), line.substring(eq + 1));
            }
        }
        Files.write(FILE, input);
        SkyrtcConfig config;
        // ${file:PATH} reads any file the operator names, by design: no path-traversal guidance here
        try (SilentCloseable anyPath = BugDetectors.setFilePathTraversalTarget(() -> null)) {
            try {
                config = ConfigLoader.load(FILE, env);
            } catch (ConfigException refused) {
                assertThat(refused.getMessage()).isNotBlank();
                return;
            }
            assertThat(ConfigLoader.load(FILE, env)).as("loading again").isEqualTo(config);
        }
        assertThat(ConfigPrinter.toYaml(config)).isNotBlank();
    }

    private static Path tempFile() {
        try {
            Path file = Files.createTempFile("skyrtc-fuzz", ".yaml");
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
