package io.skyrtc.signaling.testing;

import java.io.BufferedReader;
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
 * A real {@code skyrtc serve} process on the test classpath (for signals: SIGTERM, SIGHUP), its output
 * kept, its URL read from the "listening" line. No inherited {@code SKYRTC_*} variable reaches it.
 */
public final class ServeProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile(".*skyrtc listening on (http://127\\.0\\.0\\.1:\\d+).*");

    private final Process process;
    private final List<String> out = new ArrayList<>();
    private final CompletableFuture<String> base = new CompletableFuture<>();
    private final Thread reader;

    private ServeProcess(Process process) {
        this.process = process;
        this.reader = new Thread(this::read, "serve-process-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code serve} with {@code args} and the extra environment {@code env}. */
    public static ServeProcess start(List<String> args, Map<String, String> env) throws Exception {
        List<String> command = new ArrayList<>(List.of("java", "-cp", classpath(), "io.skyrtc.signaling.cli.SkyrtcCli", "serve"));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("SKYRTC_"));
        pb.environment().putAll(env);
        return new ServeProcess(pb.start());
    }

    private void read() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                synchronized (out) {
                    out.add(line);
                }
                Matcher m = LISTENING.matcher(line);
                if (m.matches()) {
                    base.complete(m.group(1));
                }
            }
        } catch (Exception e) {
            base.completeExceptionally(e);
        }
    }

    /** The node's base URL, once it listens (at most 60 s). */
    public URI baseUri() throws Exception {
        return URI.create(base.get(60, TimeUnit.SECONDS));
    }

    public Process process() {
        return process;
    }

    /** Everything printed so far. */
    public String output() {
        synchronized (out) {
            return String.join("\n", out);
        }
    }

    /** Waits (at most {@code ms}) until the process's output has been read to its end. */
    public void awaitOutputEnd(long ms) throws InterruptedException {
        reader.join(ms);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    /** The test classpath, for a child JVM. */
    public static String classpath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }
}
