package io.skyrtc.signaling.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.skyrtc.signaling.config.ConfigLoader;
import io.skyrtc.turn.testing.SystemPackages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * compose/docker-compose.yml as Docker Compose itself reads it (Debian's docker-compose parses and
 * interpolates without an engine): valid with every value of .env.example set, refused with them unset,
 * and wired as README "Deploy" says.
 */
class ComposeConfigTest {
    static Path compose;
    static Path envExample;

    @TempDir
    Path tmp;

    @BeforeAll
    static void tools() {
        SystemPackages.require("docker-compose", "docker-compose");
        compose = RepoFiles.path("compose/docker-compose.yml");
        envExample = RepoFiles.path("compose/.env.example");
    }

    /** .env.example's keys with a made-up value for each empty one, as a user would fill it in. */
    Path filledEnv() throws Exception {
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(envExample)) {
            if (line.matches("[A-Z0-9_]+=\\s*")) {
                String key = line.substring(0, line.indexOf('='));
                lines.add(key + "=" + switch (key) {
                    case "SKYRTC_DOMAIN" -> "rtc.example.com";
                    case "TURN_EXTERNAL_IP" -> "203.0.113.10/10.0.0.5";
                    case "TLS_CERT_FILE" -> "/etc/letsencrypt/live/rtc.example.com/fullchain.pem";
                    case "TLS_KEY_FILE" -> "/etc/letsencrypt/live/rtc.example.com/privkey.pem";
                    case "SKYRTC_ALLOWED_ORIGINS" -> "https://game.example.com";
                    default -> "value-of-" + key;
                });
            } else {
                lines.add(line);
            }
        }
        Path env = tmp.resolve("filled.env");
        Files.write(env, lines);
        return env;
    }

    Processes.Result compose(Path envFile, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("docker-compose", "--env-file", envFile.toString(), "-f",
                compose.toString()));
        cmd.addAll(List.of(args));
        return Processes.run(RepoFiles.root(), Map.of(), cmd);
    }

    @Test
    void validWithEveryValueSetAndWiredAsDocumented() throws Exception {
        Path env = filledEnv();
        Processes.Result quiet = compose(env, "config", "-q");
        assertThat(quiet.exit()).as(quiet.out()).isZero();

        Processes.Result full = compose(env, "config");
        assertThat(full.exit()).as(full.out()).isZero();
        JsonNode services = new YAMLMapper().readTree(full.out()).get("services");
        assertThat(iterable(services.fieldNames())).contains("skyrtc", "nginx", "coturn", "coturn-config", "redis");
        for (JsonNode service : services) {
            String image = service.path("image").asText();
            String tag = image.substring(image.lastIndexOf(':') + 1);
            assertThat(image).as("image pinned by tag").contains(":");
            assertThat(tag).isNotEqualTo("latest");
        }
        assertThat(services.get("coturn").get("network_mode").asText()).isEqualTo("host");
        JsonNode skyrtc = services.get("skyrtc").get("environment");
        assertThat(skyrtc.get("SKYRTC_AUTH_ROOM_TOKEN_SECRET").asText()).isEqualTo("value-of-SKYRTC_ROOM_TOKEN_SECRET");
        assertThat(skyrtc.get("SKYRTC_TURN_SECRETS").asText()).isEqualTo("value-of-TURN_SECRET");
        assertThat(skyrtc.get("SKYRTC_AUTH_API_KEYS").asText())
                .isEqualTo("[{\"name\":\"game\",\"sha256\":\"value-of-SKYRTC_API_KEY_SHA256\"}]");
        assertThat(skyrtc.get("SKYRTC_TURN_URLS").asText()).startsWith("turn:rtc.example.com:3478?transport=udp");
        assertThat(services.get("coturn-config").get("environment").get("SKYRTC_TURN_SECRETS").asText())
                .as("coturn checks the secret skyrtc signs with").isEqualTo("value-of-TURN_SECRET");
        // skyrtc refuses to start on a SKYRTC_* variable that is not a config key
        for (String service : List.of("skyrtc", "coturn-config")) {
            services.get(service).get("environment").fieldNames().forEachRemaining(name -> {
                if (name.startsWith("SKYRTC_")) {
                    assertThat(ConfigLoader.envNames().values()).as(service + ": " + name).contains(name);
                }
            });
        }
        assertThat(services.get("nginx").get("ports").toString()).contains("443");
        String volumes = services.get("nginx").get("volumes").toString();
        assertThat(volumes).contains("compose/nginx/skyrtc.conf").contains("fullchain.pem").contains("privkey.pem");
    }

    @Test
    void refusedWhileARequiredValueIsMissing() throws Exception {
        Processes.Result r = compose(envExample, "config", "-q");
        assertThat(r.exit()).isNotZero();
        assertThat(r.out()).containsPattern("set [A-Z_]+ in \\.env");
    }

    @Test
    void envExampleDeclaresEveryVariableTheComposeFileUsesAndHoldsNoSecret() throws Exception {
        Set<String> used = new TreeSet<>();
        Matcher m = Pattern.compile("\\$\\{([A-Z0-9_]+)").matcher(Files.readString(compose));
        while (m.find()) {
            used.add(m.group(1));
        }
        Map<String, String> declared = new LinkedHashMap<>();
        for (String line : Files.readAllLines(envExample)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                declared.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1).strip());
            }
        }
        used.remove("SKYRTC_IMAGE");  // the image name compose builds to; a default is fine
        assertThat(declared.keySet()).containsAll(used);
        assertThat(used).containsAll(declared.keySet());
        for (String secret : List.of("SKYRTC_ROOM_TOKEN_SECRET", "SKYRTC_API_KEY_SHA256", "TURN_SECRET")) {
            assertThat(declared.get(secret)).as(secret + " must be empty in the example").isEmpty();
        }
        assertThat(Files.readString(RepoFiles.path(".gitignore")).lines()).contains("compose/.env");
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
