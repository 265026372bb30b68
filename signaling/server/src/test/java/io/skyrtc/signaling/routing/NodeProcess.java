package io.skyrtc.signaling.routing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A skyrtc node in its own JVM ({@code skyrtc serve}, configured by environment like an operator would),
 * so a test can kill -9 it or stop it with SIGSTOP.
 */
final class NodeProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("skyrtc listening on (http://[0-9.]+:[0-9]+)");
    /** A small, quickly started JVM: what most tests' nodes need. */
    static final List<String> SMALL_JVM = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    final Process process;
    final URI base;
    private final List<String> log = java.util.Collections.synchronizedList(new ArrayList<>());

    NodeProcess(Map<String, String> env) throws Exception {
        this(env, SMALL_JVM);
    }

    NodeProcess(Map<String, String> env, List<String> jvmOptions) throws Exception {
        this(env, jvmOptions, line -> { });
    }

    /** {@code lines} sees each line of the node's output as it comes, start-up included. */
    NodeProcess(Map<String, String> env, List<String> jvmOptions, java.util.function.Consumer<String> lines)
            throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.skyrtc.signaling.cli.SkyrtcCli", "serve"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("SKYRTC_"));
        pb.environment().putAll(env);
        process = pb.start();
        CompletableFuture<URI> listening = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    log.add(line);
                    lines.accept(line);
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        listening.complete(URI.create(m.group(1)));
                    }
                }
            } catch (IOException ended) {
                // the process died
            }
            listening.completeExceptionally(new IllegalStateException("node exited: " + String.join("\n", log)));
        }, "node-log");
        reader.setDaemon(true);
        reader.start();
        base = listening.get(60, TimeUnit.SECONDS);
    }

    void signal(String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
        kill.waitFor(10, TimeUnit.SECONDS);
    }

    List<String> log() {
        return List.copyOf(log);
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            signal("CONT");
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
