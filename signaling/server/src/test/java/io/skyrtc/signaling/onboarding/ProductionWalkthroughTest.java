package io.skyrtc.signaling.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.skyrtc.signaling.testing.WsClient;
import io.skyrtc.turn.testing.SystemPackages;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README's production walk-through, run as written: its shell blocks are read from README.md (between
 * the production-walkthrough markers), run in one bash against a server the walk-through itself starts,
 * and the link it prints is used for a WebSocket join. Only the jar (this build's classes, as the jar is
 * built after the tests) and the port (a free one instead of 8080) are substituted.
 */
class ProductionWalkthroughTest {
    static final Path README = Path.of("..", "..", "README.md");
    static final String JAR = "java -jar signaling/target/skyrtc.jar";
    static final Pattern LINK = Pattern.compile("^(http://127\\.0\\.0\\.1:\\d+)/\\?room=([^&]+)&token=(\\S+)$");

    @TempDir
    Path dir;

    /** The sh blocks of the walk-through, in order, as README has them. */
    static List<String> walkthroughBlocks() throws IOException {
        String readme = Files.readString(README);
        int start = readme.indexOf("<!-- production-walkthrough -->"), end = readme.indexOf("<!-- /production-walkthrough -->");
        assertThat(start).as("README walk-through markers").isPositive().isLessThan(end);
        List<String> blocks = new ArrayList<>();
        StringBuilder block = null;
        for (String line : readme.substring(start, end).split("\n")) {
            String t = line.strip();
            if (block == null && t.equals("```sh")) {
                block = new StringBuilder();
            } else if (block != null && t.equals("```")) {
                blocks.add(block.toString());
                block = null;
            } else if (block != null) {
                block.append(line.replaceFirst("^ {3}", "")).append('\n');
            }
        }
        return blocks;
    }

    @Test
    void theReadmeCommandsTakeANewUserFromNothingToAJoin() throws Exception {
        SystemPackages.require("openssl", "openssl");
        SystemPackages.require("curl", "curl");
        SystemPackages.require("jq", "jq");
        List<String> blocks = walkthroughBlocks();
        assertThat(blocks).hasSize(6);
        int port = freePort();
        StringBuilder script = new StringBuilder("set -eu\n");
        for (String b : blocks) {
            script.append(b.replace(JAR, "java -cp \"$WALKTHROUGH_CP\" io.skyrtc.signaling.cli.SkyrtcCli")
                    .replace("127.0.0.1:8080", "127.0.0.1:" + port));
            if (b.contains(" serve ")) {
                script.append("echo \"__server_pid=$!\"\n");
            }
        }
        Files.writeString(dir.resolve("walkthrough.sh"), script);
        ProcessBuilder pb = new ProcessBuilder("bash", "walkthrough.sh").directory(dir.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("SKYRTC_"));
        env.put("WALKTHROUGH_CP", testClasspath());
        env.put("SKYRTC_SERVER_HOST", "127.0.0.1");  // loopback only while testing; README's server binds all
        env.put("SKYRTC_SERVER_PORT", Integer.toString(port));
        List<String> out = new ArrayList<>();
        long serverPid = -1;
        try {
            int exit = run(pb, out, 120, dir.resolve("skyrtc.log"));
            String all = String.join("\n", out) + "\n--- skyrtc.log ---\n" + log();
            serverPid = out.stream().filter(l -> l.startsWith("__server_pid=")).mapToLong(l -> Long.parseLong(l.substring(13)))
                    .findFirst().orElse(-1);
            assertThat(exit).as(all).isZero();
            assertThat(serverPid).as(all).isPositive();
            assertThat(log()).contains("skyrtc listening").doesNotContain("no API key is configured", "DEV MODE");

            Matcher link = out.stream().map(LINK::matcher).filter(Matcher::matches).reduce((a, b) -> b).orElseThrow(
                    () -> new AssertionError("no demo link printed:\n" + all));
            assertThat(link.group(1)).isEqualTo("http://127.0.0.1:" + port);
            String room = URLDecoder.decode(link.group(2), StandardCharsets.UTF_8);
            String token = URLDecoder.decode(link.group(3), StandardCharsets.UTF_8);
            try (WsClient alice = WsClient.connect(URI.create(link.group(1)))) {
                JsonNode welcome = alice.joinNamedByToken(room, token);
                assertThat(welcome.get("type").asText()).as(welcome.toString()).isEqualTo("welcome");
            }
            try (WsClient noToken = WsClient.connect(URI.create(link.group(1)))) {
                noToken.send(WsClient.msg("join", "room", room));
                assertThat(noToken.next().get("type").asText()).isEqualTo("error");
            }
        } finally {
            if (serverPid > 0) {
                ProcessHandle.of(serverPid).ifPresent(ProcessHandle::destroy);
            }
        }
    }

    @Test
    void productionWithoutAnApiKeyWarnsAtStartUp() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("java", "-cp", testClasspath(), "io.skyrtc.signaling.cli.SkyrtcCli", "serve",
                "--port", "0").redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("SKYRTC_"));
        pb.environment().put("SKYRTC_SERVER_HOST", "127.0.0.1");
        pb.environment().put("SKYRTC_AUTH_ROOM_TOKEN_SECRET", "walkthrough-secret-walkthrough-secret-0123");
        Process p = pb.start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null && !line.contains("skyrtc listening"); ) {
                lines.add(line);
            }
        } finally {
            p.destroy();
            p.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(String.join("\n", lines)).contains("WARN", "no API key is configured (auth.apiKeys)",
                "skyrtc apikey new");
    }

    private String log() throws IOException {
        Path log = dir.resolve("skyrtc.log");
        return Files.exists(log) ? Files.readString(log) : "(no skyrtc.log)";
    }

    /** Surefire's full test classpath (java.class.path may be a manifest-only booter jar). */
    static String testClasspath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static int run(ProcessBuilder pb, List<String> out, int timeoutSeconds, Path log) throws Exception {
        Process p = pb.start();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    synchronized (out) {
                        out.add(line);
                    }
                }
            } catch (IOException ignored) {
                // the script ended
            }
        });
        reader.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroyForcibly();
            reader.join(5000);
            throw new AssertionError("walk-through did not finish in " + timeoutSeconds + " s:\n" + String.join("\n", out)
                    + "\n--- skyrtc.log ---\n" + (Files.exists(log) ? Files.readString(log) : ""));
        }
        reader.join(5000);
        return p.exitValue();
    }
}
