package io.skyrtc.signaling.bench;

import io.skyrtc.signaling.JitThreads;
import java.io.File;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Spawns (or targets) a server and runs the chosen scenarios in order. */
public final class BenchRunner {
    private final PrintStream out;

    public BenchRunner(PrintStream out) {
        this.out = out;
    }

    /** How the spawned server is started: its heap, selectors, extra JVM options and (optionally) another jar. */
    public record ServerSpec(String heap, int selectors, List<String> jvmOptions, File jar) {}

    public int run(URI url, ServerSpec spec, List<String> scenarios, int pairs, int seconds, int sdpBytes, int window,
                   int rate, int joinRate, int connections, int clientThreads, boolean realistic, int warmUpSeconds)
            throws Exception {
        Process server = null;
        URI base = url;
        if (base == null) {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            server = spawn(port, spec);
            base = URI.create("http://127.0.0.1:" + port);
        }
        try {
            if (server != null) {
                awaitHealthy(base); // inside the try: a server that never comes up is still stopped
            }
            long started = System.nanoTime();
            if (server != null) {
                out.printf("spawned server healthy %.0f ms after its start%n", (started - spawnedAt) / 1e6);
            }
            return runScenarios(base, scenarios, pairs, seconds, sdpBytes, window, rate, joinRate, connections,
                    clientThreads, server == null ? null : collector(server), server == null ? null : JitThreads.of(server.pid()),
                    realistic ? ClientMode.REALISTIC : ClientMode.BATCHED, warmUpSeconds * 1000L);
        } finally {
            if (server != null) {
                server.destroy();
                if (!server.waitFor(10, TimeUnit.SECONDS)) {
                    server.destroyForcibly();
                }
            }
        }
    }

    private int runScenarios(URI base, List<String> scenarios, int pairs, int seconds, int sdpBytes, int window,
                             int rate, int joinRate, int connections, int clientThreads,
                             ServerProbe.Collector collector, JitThreads jit, ClientMode mode, long warmUpMs)
            throws Exception {
        try (Scenarios sc = new Scenarios(base, out, clientThreads, collector, jit, mode, warmUpMs)) {
            out.printf("skyrtc bench against %s (%d cores, %s), %s; load average %s%n", base,
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), sc.modeLabel(),
                    loadAverage());
            for (String s : scenarios) {
                switch (s) {
                    case "relay" -> new PairScenarios(sc).relay(pairs, seconds, sdpBytes, window);
                    case "latency" -> new PairScenarios(sc).latency(pairs, rate, seconds, sdpBytes);
                    case "join" -> sc.join(joinRate, seconds);
                    case "idle" -> sc.idle(connections);
                    default -> throw new IllegalArgumentException("unknown scenario " + s);
                }
                Thread.sleep(1000);
            }
            return 0;
        }
    }

    private long spawnedAt;

    /** The first three fields of /proc/loadavg, or "?" off Linux. */
    static String loadAverage() {
        try {
            String[] f = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (java.io.IOException | RuntimeException e) {
            return "?";
        }
    }

    /** A dev-mode server in its own JVM (so its CPU and RSS are its own), limits raised for load. */
    private Process spawn(int port, ServerSpec spec) throws Exception {
        String heap = spec.heap();
        int selectors = spec.selectors();
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        String jar = spec.jar() != null ? spec.jar().getPath()
                : new File(BenchRunner.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath();
        // a fixed heap, as for a server in production: G1 then sizes its young generation to the heap
        // and collects a few times less often than with the small default initial heap. Pre-touched, so
        // that RSS grows only by memory outside the heap (the idle scenario counts the heap apart).
        List<String> cmd = new ArrayList<>(List.of(java, "-Xms" + heap, "-Xmx" + heap, "-XX:+AlwaysPreTouch",
                "-Xss256k"));
        cmd.addAll(spec.jvmOptions());
        if (jar.endsWith(".jar")) {
            cmd.addAll(List.of("-jar", jar));
        } else {
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.skyrtc.signaling.cli.SkyrtcCli"));
        }
        cmd.addAll(List.of("serve", "--dev", "--port", Integer.toString(port)));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("SKYRTC_LIMITS_RATE_PER_SECOND", "1000000");
        pb.environment().put("SKYRTC_LIMITS_RATE_BURST", "1000000");
        pb.environment().put("SKYRTC_LIMITS_OUTBOUND_QUEUE_MAX", "100000");
        // every load connection comes from this one address, and pre-opened sockets may wait long to join
        pb.environment().put("SKYRTC_LIMITS_OUTBOUND_QUEUE_MAX_BYTES", Integer.toString(Integer.MAX_VALUE));
        pb.environment().put("SKYRTC_LIMITS_MAX_CONNECTIONS_PER_IP", "1000000");
        pb.environment().put("SKYRTC_LIMITS_JOIN_TIMEOUT_MS", "3600000");
        pb.environment().put("SKYRTC_ROOMS_MAX_ROOMS", "100000");
        pb.environment().put("SKYRTC_SERVER_SELECTORS", Integer.toString(selectors));
        spawnedAt = System.nanoTime();
        return pb.start();
    }

    /** A full collection in the spawned server, by the JDK's jcmd; null if this runtime has none. */
    private static ServerProbe.Collector collector(Process server) {
        File jcmd = new File(System.getProperty("java.home"), "bin" + File.separator + "jcmd");
        if (!jcmd.canExecute()) {
            return null;
        }
        return () -> {
            Process p = new ProcessBuilder(jcmd.getPath(), Long.toString(server.pid()), "GC.run")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("jcmd " + server.pid() + " GC.run failed");
            }
        };
    }

    private static void awaitHealthy(URI base) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < 600; i++) { // a minute: a loaded machine starts a JVM slowly
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(base + "/healthz")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException e) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("spawned server did not become healthy at " + base);
    }
}
