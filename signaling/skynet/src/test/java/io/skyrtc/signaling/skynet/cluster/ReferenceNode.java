package io.skyrtc.signaling.skynet.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.skyrtc.turn.testing.SystemPackages;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The skynet cluster reference peer (skycluster.py, verified against real skynet) as a node in a test:
 * {@link #serve} runs test resource peer.py (services .rtc_events, .echo, .pushes) and follows what it
 * prints; {@link #cli} runs the reference peer's own call/send/query commands against skyrtc.
 */
final class ReferenceNode implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final BlockingQueue<JsonNode> lines = new LinkedBlockingQueue<>();
    final int port;

    private ReferenceNode(Process process) throws Exception {
        this.process = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(JSON.readTree(line));
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "reference-node");
        reader.setDaemon(true);
        reader.start();
        JsonNode first = next(10_000);
        assertThat(first.path("kind").asText()).as("peer.py start-up line").isEqualTo("listening");
        this.port = first.get("port").asInt();
    }

    /** A reference node listening on 127.0.0.1:{@code port} (0 = ephemeral). */
    static ReferenceNode serve(int port, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(python(), script("peer.py").toString(), "serve", Integer.toString(port))
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().putAll(env);
        return new ReferenceNode(pb.start());
    }

    /** {@code skycluster.py ARGS...}: exit code and stdout. */
    static Cli cli(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(python(), script("skycluster.py").toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("skycluster.py finished").isTrue();
        return new Cli(p.exitValue(), out);
    }

    /** {@code peer.py bench ADDRESS SECONDS TO ARGS...}: its JSON result line. */
    static String runBench(String address, int seconds, String to, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(python(), script("peer.py").toString(), "bench", address,
                Integer.toString(seconds), to));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.waitFor();
        return out;
    }

    record Cli(int exit, String out) {
        JsonNode json() throws IOException {
            assertThat(exit).as("exit code, output: " + out).isZero();
            return JSON.readTree(out);
        }
    }

    /** The next printed line, failing after {@code ms}. */
    JsonNode next(long ms) throws InterruptedException {
        JsonNode n = lines.poll(ms, TimeUnit.MILLISECONDS);
        assertThat(n).as("a line from the reference node within " + ms + " ms").isNotNull();
        return n;
    }

    /** Lines printed so far and not yet taken. */
    List<JsonNode> drain() {
        List<JsonNode> out = new ArrayList<>();
        lines.drainTo(out);
        return out;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor(5, TimeUnit.SECONDS);
    }

    private static String python() {
        return SystemPackages.require("python3", "python3").toString();
    }

    private static Path script(String name) throws URISyntaxException {
        java.net.URL url = ReferenceNode.class.getResource("/skynet-cluster/" + name);
        if (url != null && url.getProtocol().equals("file")) {
            return Path.of(url.toURI());
        }
        // from another module's tests this class may come from the skynet module's test jar: the scripts
        // (which import each other) are run from the source tree
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !java.nio.file.Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("skynet-cluster/" + name + ": neither a file on the classpath nor in the repository");
        }
        return dir.resolve("signaling/skynet/src/test/resources/skynet-cluster").resolve(name);
    }
}
