package io.skyrtc.signaling.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.skyrtc.signaling.SkyrtcServer;
import io.skyrtc.signaling.config.ConfigLoader;
import io.skyrtc.signaling.testing.ServerFixture;
import io.skyrtc.signaling.testing.TestServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image's HEALTHCHECK command, run by bash as Docker runs it, against a node configured with the image's
 * ENV (ports made ephemeral): it passes with the main port plain and with the main port speaking TLS
 * (server.tls.* from the environment, as a container gets it), and fails once the node is gone. There is
 * no Docker daemon here; the command and the environment are what Docker would use.
 */
class DockerHealthCheckTest {
    @RegisterExtension
    final ServerFixture fx = new ServerFixture();
    @TempDir
    Path dir;

    private static List<DockerfileLintTest.Instruction> runtime() throws Exception {
        List<DockerfileLintTest.Instruction> all = DockerfileLintTest.parse(Files.readString(RepoFiles.path("Dockerfile")));
        int lastFrom = 0;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).keyword().equals("FROM")) {
                lastFrom = i;
            }
        }
        return all.subList(lastFrom, all.size());
    }

    /** The final stage's ENV, SKYRTC_* only (what the config sees). */
    private static Map<String, String> imageEnv() throws Exception {
        Map<String, String> env = new HashMap<>();
        for (DockerfileLintTest.Instruction i : runtime()) {
            if (i.keyword().equals("ENV")) {
                for (String pair : i.args().split("\\s+")) {
                    int eq = pair.indexOf('=');
                    if (pair.startsWith("SKYRTC_")) {
                        env.put(pair.substring(0, eq), pair.substring(eq + 1));
                    }
                }
            }
        }
        return env;
    }

    /** HEALTHCHECK [options] CMD ["bash", "-c", "..."]: the exec-form command. */
    private static List<String> healthCommand() throws Exception {
        String args = runtime().stream().filter(i -> i.keyword().equals("HEALTHCHECK")).findFirst().orElseThrow().args();
        String json = args.substring(args.indexOf("CMD") + 3).strip();
        return List.of(new ObjectMapper().readValue(json, String[].class));
    }

    /** Starts a node with the image's environment plus {@code extra}; every port in it made ephemeral. */
    private SkyrtcServer node(Map<String, String> extra) throws Exception {
        Map<String, String> env = new HashMap<>(imageEnv());
        env.replaceAll((k, v) -> k.endsWith("_PORT") ? "0" : v);
        env.put(ConfigLoader.envName("server.host"), "127.0.0.1");
        env.put(ConfigLoader.envName("auth.roomTokenSecret"), TestServers.SECRET);
        env.put(ConfigLoader.envName("server.warmUpMs"), "0");
        env.putAll(extra);
        return fx.use(TestServers.start(ConfigLoader.load(null, env), io.skyrtc.signaling.room.RoomObserver.NONE));
    }

    /** Runs the HEALTHCHECK in the container's environment: the image's ENV with the ports the node bound. */
    private int probe(SkyrtcServer s, boolean keepMetricsPort) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(healthCommand()).redirectErrorStream(true);
        pb.environment().putAll(imageEnv());
        pb.environment().put("SKYRTC_SERVER_PORT", String.valueOf(s.port()));
        if (pb.environment().containsKey("SKYRTC_SERVER_METRICS_PORT") && keepMetricsPort) {
            pb.environment().put("SKYRTC_SERVER_METRICS_PORT", String.valueOf(s.metricsPort()));
        } else {
            pb.environment().remove("SKYRTC_SERVER_METRICS_PORT");
        }
        Process p = pb.start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("the probe ends").isTrue();
        return p.exitValue();
    }

    @Test
    void theHealthCheckPassesOnAPlainNode() throws Exception {
        SkyrtcServer s = node(Map.of());
        assertThat(probe(s, true)).isZero();
        s.close();
        assertThat(probe(s, true)).as("a node that is gone is unhealthy").isNotZero();
    }

    @Test
    void theHealthCheckPassesWhenTheMainPortSpeaksTls() throws Exception {
        Path cert = dir.resolve("fullchain.pem");
        Path key = dir.resolve("privkey.pem");
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:P-256", "-nodes", "-keyout", key.toString(), "-out", cert.toString(), "-days", "2",
                "-subj", "/CN=127.0.0.1").redirectErrorStream(true).start();
        String out = new String(openssl.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(openssl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(openssl.exitValue()).as(out).isZero();
        SkyrtcServer s = node(Map.of(ConfigLoader.envName("server.tls.certFile"), cert.toString(),
                ConfigLoader.envName("server.tls.keyFile"), key.toString()));
        assertThat(s.baseUri().getScheme()).isEqualTo("https");
        assertThat(probe(s, false)).as("plain HTTP on the TLS port itself fails: why the image has a plain port")
                .isNotZero();
        assertThat(probe(s, true)).as("the image's health check").isZero();
    }
}
