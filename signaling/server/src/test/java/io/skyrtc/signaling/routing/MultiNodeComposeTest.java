package io.skyrtc.signaling.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.skyrtc.turn.testing.SystemPackages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * compose/docker-compose.multinode.yml on top of the base file, as Docker Compose reads it: two skyrtc
 * nodes on the same redis with distinct node ids, and nginx balancing over both.
 */
class MultiNodeComposeTest {
    @TempDir
    Path tmp;

    @Test
    void twoNodesShareRedisBehindOneNginx() throws Exception {
        SystemPackages.require("docker-compose", "docker-compose");
        Path compose = io.skyrtc.signaling.deploy.RepoFiles.path("compose");
        List<String> env = new ArrayList<>();
        for (String line : Files.readAllLines(compose.resolve(".env.example"))) {
            if (line.startsWith("TLS_") && line.contains("=")) {
                env.add(line.substring(0, line.indexOf('=') + 1) + tmp.resolve("tls.pem"));
            } else {
                env.add(line.endsWith("=") ? line + "x" : line);
            }
        }
        Path envFile = tmp.resolve("filled.env");
        Files.write(envFile, env);
        Process p = new ProcessBuilder("docker-compose", "--env-file", envFile.toString(), "-f",
                compose.resolve("docker-compose.yml").toString(), "-f",
                compose.resolve("docker-compose.multinode.yml").toString(), "config")
                .redirectError(tmp.resolve("err.txt").toFile()).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(tmp.resolve("err.txt"))).isZero();

        JsonNode services = new YAMLMapper().readTree(out).path("services");
        for (String node : List.of("skyrtc", "skyrtc-2")) {
            JsonNode e = services.path(node).path("environment");
            assertThat(e.path("SKYRTC_REDIS_URL").asText()).isEqualTo("redis://redis:6379");
            assertThat(e.path("SKYRTC_AUTH_ROOM_TOKEN_SECRET").asText()).as(node + " has the shared secret").isNotEmpty();
        }
        assertThat(services.path("skyrtc").path("environment").path("SKYRTC_SERVER_NODE_ID").asText())
                .isNotEqualTo(services.path("skyrtc-2").path("environment").path("SKYRTC_SERVER_NODE_ID").asText());
        assertThat(services.path("nginx").path("volumes").toString())
                .contains("skyrtc-multinode.conf:/etc/nginx/conf.d/default.conf").doesNotContain("/skyrtc.conf:");
        String conf = Files.readString(compose.resolve("nginx/skyrtc-multinode.conf"));
        assertThat(conf).contains("server skyrtc:8080;").contains("server skyrtc-2:8080;");
    }
}
