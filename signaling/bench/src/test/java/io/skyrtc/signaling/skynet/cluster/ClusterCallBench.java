package io.skyrtc.signaling.skynet.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.skyrtc.signaling.http.Health;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Recorder;

/**
 * Cluster calls per second and latency, on this machine: skyrtc → the reference peer, the reference
 * peer → skyrtc, and skyrtc → skyrtc (what our side can do when the peer is not the limit). Not a test;
 * run it as README "Benchmark" shows. Args: [seconds] [rate for the latency runs, skyrtc → skyrtc].
 */
public final class ClusterCallBench {
    private static final ClusterAddress ECHO = new ClusterAddress.Name(".echo");

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        Object[] call = {"echo", Map.of("room", "match-42", "peer", "p-3k9v2x7q1m", "hp", 7L)};

        try (ReferenceNode ref = ReferenceNode.serve(0, Map.of())) {
            ClusterClient c = client(ref.port);
            report("skyrtc -> reference peer, 16 in flight", saturate(c, ECHO, call, 16, seconds));
            report("skyrtc -> reference peer, 1000/s offered", atRate(c, ECHO, call, 1000, seconds));
            c.close();
        }

        ClusterServices services = new ClusterServices();
        services.register("echo", CompletableFuture::completedFuture);
        try (ClusterServer server = new ClusterServer("127.0.0.1", 0, services, 1 << 24, 64).start()) {
            JsonNode r = ReferenceNode.JSON.readTree(ReferenceNode.runBench("127.0.0.1:" + server.port(), seconds,
                    "@echo", "echo", "{\"room\":\"match-42\",\"peer\":\"p-3k9v2x7q1m\",\"hp\":7}"));
            System.out.printf("%-44s %,9.0f calls/s  p50 %.3f ms  p99 %.3f ms  (one call at a time, Python client)%n",
                    "reference peer -> skyrtc", r.get("calls").asDouble() / r.get("seconds").asDouble(),
                    r.get("p50ms").asDouble(), r.get("p99ms").asDouble());
            ClusterClient c = client(server.port());
            report("skyrtc -> skyrtc, 64 in flight", saturate(c, ECHO, call, 64, seconds));
            report("skyrtc -> skyrtc, " + rate + "/s offered", atRate(c, ECHO, call, rate, seconds));
            c.close();
        }
    }

    record Result(long calls, double seconds, double cpuMicrosPerCall, double p50ms, double p99ms) {}

    static ClusterClient client(int port) {
        return new ClusterClient("bench", () -> new InetSocketAddress("127.0.0.1", port), 2000, 1 << 24);
    }

    /** As many calls as {@code window} in flight allows. */
    static Result saturate(ClusterClient c, ClusterAddress to, Object[] call, int window, int seconds)
            throws Exception {
        byte[] body = SkynetPack.pack(call);
        Semaphore free = new Semaphore(window);
        Recorder latency = new Recorder(3);
        warmUp(c, to, body);
        long cpu0 = Health.processCpuNanos(), t0 = System.nanoTime(), end = t0 + TimeUnit.SECONDS.toNanos(seconds);
        long calls = 0;
        while (System.nanoTime() < end) {
            free.acquire();
            long start = System.nanoTime();
            c.call(to, body, 10_000).whenComplete((r, e) -> {
                latency.recordValue(System.nanoTime() - start);
                free.release();
            });
            calls++;
        }
        free.acquire(window);
        return result(calls, t0, cpu0, latency);
    }

    /** Calls at a fixed rate (open loop): latency without queueing of our own making. */
    static Result atRate(ClusterClient c, ClusterAddress to, Object[] call, int rate, int seconds) throws Exception {
        byte[] body = SkynetPack.pack(call);
        Recorder latency = new Recorder(3);
        warmUp(c, to, body);
        long interval = 1_000_000_000L / rate;
        long cpu0 = Health.processCpuNanos(), t0 = System.nanoTime(), total = (long) rate * seconds;
        List<CompletableFuture<byte[]>> last = new java.util.ArrayList<>();
        for (long i = 0; i < total; i++) {
            long due = t0 + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            CompletableFuture<byte[]> f = c.call(to, body, 10_000)
                    .whenComplete((r, e) -> latency.recordValue(System.nanoTime() - due));
            if (i >= total - 100) {
                last.add(f);
            }
        }
        CompletableFuture.allOf(last.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        return result(total, t0, cpu0, latency);
    }

    private static void warmUp(ClusterClient c, ClusterAddress to, byte[] body) throws Exception {
        for (int i = 0; i < 2000; i++) {
            c.call(to, body, 10_000).get();
        }
    }

    private static Result result(long calls, long t0, long cpu0, Recorder latency) {
        double secs = (System.nanoTime() - t0) / 1e9;
        var h = latency.getIntervalHistogram();
        return new Result(calls, secs, (Health.processCpuNanos() - cpu0) / 1e3 / calls,
                h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(99) / 1e6);
    }

    private static void report(String what, Result r) {
        System.out.printf("%-44s %,9.0f calls/s  p50 %.3f ms  p99 %.3f ms  (JVM CPU %.1f µs/call)%n", what,
                r.calls() / r.seconds(), r.p50ms(), r.p99ms(), r.cpuMicrosPerCall());
    }
}
