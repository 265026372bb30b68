package io.skyrtc.signaling.bench;

import io.skyrtc.signaling.JitThreads;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The load scenarios of {@code skyrtc bench}. Server figures come from the server's own counters (CPU,
 * RSS, relayed); latencies from timestamps taken in this process around real frames. The client side
 * is a few selector threads ({@link LoadLoop}) that either write like real clients (one message per
 * write, {@link ClientMode#REALISTIC}) or many frames per syscall ({@link ClientMode#BATCHED}, the
 * generator-friendly upper bound); its CPU share is reported next to the server's.
 */
final class Scenarios implements AutoCloseable {
    private final URI ws;
    private final ServerProbe probe;
    private final PrintStream out;
    private final LoadLoop[] loops;
    /** Runs only in paced scenarios, from warm-up to report (a wake-up per ms would cost relay a little). */
    private Hiccups hiccups;
    private final ServerProbe.Collector collector;
    /** The spawned server's compiler threads; null against --url. */
    private final JitThreads jit;
    private final long base = System.nanoTime();
    private static final int HANDSHAKES = 256;
    /** Paced scenarios' discarded warm-up. */
    private final long warmUpMs;
    private final ClientMode mode;

    /**
     * @param collector makes the server collect garbage (for the heap's share of an idle connection);
     *                  null where that is not possible, and the idle figure is then RSS growth only
     */
    Scenarios(URI baseUri, PrintStream out, int clientThreads, ServerProbe.Collector collector, JitThreads jit,
              ClientMode mode, long warmUpMs) throws IOException {
        this.collector = collector;
        this.jit = jit;
        this.mode = mode;
        this.warmUpMs = warmUpMs;
        this.ws = URI.create(baseUri.toString().replace("http://", "ws://") + "/ws");
        this.probe = new ServerProbe(HttpClient.newHttpClient(), baseUri);
        this.out = out;
        this.loops = new LoadLoop[clientThreads];
        for (int i = 0; i < clientThreads; i++) {
            loops[i] = new LoadLoop("bench-client-" + i, mode);
        }
    }

    /**
     * Joins at a fixed rate, 2 per room. REALISTIC: see {@link JoinConnecting}. BATCHED: on pre-opened
     * sockets, latency from join due to welcome. The first {@code --warm-up} worth of joins warm both
     * JITs up and are not counted.
     */
    void join(int rate, int seconds) throws Exception {
        if (mode == ClientMode.REALISTIC) {
            new JoinConnecting(this, ws, rate, seconds, warmUpMs).run();
            return;
        }
        int total = rate * seconds;
        int warm = (int) Math.min(total, rate * warmUpMs / 1000);
        Recorder recorder = new Recorder(3);
        long[] dueAt = new long[warm + total];
        CountDownLatch welcomed = new CountDownLatch(warm + total);
        List<LoadConnection> sockets = openMany(warm + total, i -> (c, b, off, len) -> {
            if (Payloads.startsWith(b, off, len, Payloads.WELCOME)) {
                if (i >= warm) {
                    recorder.recordValue((System.nanoTime() - dueAt[i]) / 1000);
                }
                welcomed.countDown();
            }
        }, null);
        long period = 1_000_000_000L / rate;
        long t0 = System.nanoTime() + 10_000_000L;
        for (int i = 0; i < dueAt.length; i++) {
            dueAt[i] = t0 + i * period;
        }
        Thread pacer = new Thread(() -> {
            for (int i = 0; i < dueAt.length; i++) {
                LockSupport.parkNanos(dueAt[i] - System.nanoTime());
                sockets.get(i).writeNow(ByteBuffer.wrap(
                        ClientFrames.text("{\"type\":\"join\",\"room\":\"join-" + (i / 2) + "\"}")));
            }
        }, "bench-joins");
        pacer.setDaemon(true);
        pacer.start();
        warmUp(recorder, (dueAt[warm] - System.nanoTime()) / 1_000_000);
        LockSupport.parkNanos(dueAt[warm] - System.nanoTime());
        recorder.getIntervalHistogram();
        hiccups.interval();
        long jit0 = jitCpu();
        Window w = Window.start(probe);
        StealSplit split = StealSplit.record(recorder, seconds * 1000L);
        boolean all = welcomed.await(30, TimeUnit.SECONDS);
        Window.Result r = w.end(probe);
        long jit1 = jitCpu();
        pacer.join();
        Histogram h = split.all();
        h.add(recorder.getIntervalHistogram()); // welcomes that came after the last slice
        out.printf("join (%s, on pre-opened sockets): %d joins at %d/s (after %d warm-up joins): p50 %.3f ms  "
                + "p99 %.3f ms  max %.3f ms%s%s%s%n", modeLabel(), total, rate, warm, h.getValueAtPercentile(50) / 1e3,
                h.getValueAtPercentile(99) / 1e3, h.getMaxValue() / 1e3, r.steal(),
                all ? "" : "  (NOT ALL WELCOMED)", failures());
        printQuiet(split);
        printHiccups();
        printJoinCpu(r, total, jit0, jit1);
        out.printf("  %s%n", new Delivery("joins (welcomes)", warm + total, warm + total - welcomed.getCount()).text());
        closeConnections(sockets);
    }

    /**
     * Opens and joins N idle connections. Their cost is the server's live heap growth (garbage collected
     * before each reading) plus its RSS growth outside the heap (a spawned server's heap is pre-touched,
     * so RSS grows only by what lives outside it), divided by N. Without a collector: RSS growth alone,
     * which misses objects that land in heap pages already touched.
     */
    void idle(int connections) throws Exception {
        ServerProbe.Sample s0 = collectedSample();
        CountDownLatch welcomed = new CountDownLatch(connections);
        List<LoadConnection> sockets = openMany(connections, i -> (c, b, off, len) -> welcomed.countDown(),
                i -> "{\"type\":\"join\",\"room\":\"idle-" + (i / 8) + "\"}");
        welcomed.await(120, TimeUnit.SECONDS);
        Delivery delivery = new Delivery("joins (welcomes)", connections, connections - welcomed.getCount());
        Thread.sleep(3000);
        ServerProbe.Sample s1 = collectedSample();
        double rss = (s1.rssBytes() - s0.rssBytes()) / (double) connections;
        if (collector == null) {
            out.printf("idle: %,d joined connections (server sees %,d): RSS %,d -> %,d bytes = %,.0f bytes/connection"
                    + " (RSS growth only: the heap's share is counted for a spawned server)%s%n", connections,
                    s1.connections(), s0.rssBytes(), s1.rssBytes(), rss, failures());
        } else {
            double heap = (s1.heapUsedBytes() - s0.heapUsedBytes()) / (double) connections;
            out.printf("idle: %,d joined connections (server sees %,d): %,.0f bytes/connection = live heap %,.0f"
                    + " + RSS outside the heap %,.0f%s%n", connections, s1.connections(), heap + rss, heap, rss,
                    failures());
        }
        out.printf("  %s%n", delivery.text());
        closeConnections(sockets);
    }

    /** The spawned server's JIT compiler CPU so far (ns), -1 when unknown (--url, or off Linux). */
    long jitCpu() {
        return jit == null ? -1 : jit.cpuNanos();
    }

    /**
     * Server CPU per join over the measured window (the window also holds a few /healthz reads), and the
     * JIT compiler's part of it when {@code jit0}/{@code jit1} (from {@link #jitCpu}) are known.
     */
    void printJoinCpu(Window.Result r, int joins, long jit0, long jit1) {
        int n = Math.max(1, joins);
        String compiler = jit0 < 0 || jit1 < 0 ? "" : String.format(" (of which the JIT compiler %.0f µs, the rest %.0f µs)",
                (jit1 - jit0) / 1e3 / n, (r.serverCpuNanos() - (jit1 - jit0)) / 1e3 / n);
        out.printf("  server CPU %.0f µs/join%s (%.0f%% of one core); load generator %.0f%% of one core%n",
                r.serverCpuNanos() / 1e3 / n, compiler, r.serverCores() * 100, r.clientCores() * 100);
    }

    String modeLabel() {
        return mode == ClientMode.REALISTIC ? "realistic clients: one message per write"
                : "batched clients: generator-friendly upper bound";
    }

    ServerProbe probe() {
        return probe;
    }

    PrintStream out() {
        return out;
    }

    CompletableFuture<LoadConnection> connect(int i, LoadConnection.Listener listener) {
        return loop(i).connect(ws, listener);
    }

    LoadLoop[] loops() {
        return loops;
    }

    long base() {
        return base;
    }

    ClientMode mode() {
        return mode;
    }

    long warmUpMs() {
        return warmUpMs;
    }

    Hiccups hiccups() {
        return hiccups;
    }

    private ServerProbe.Sample collectedSample() throws Exception {
        if (collector != null) {
            collector.collect();
        }
        return probe.sample();
    }

    @Override
    public void close() {
        if (hiccups != null) {
            hiccups.close();
        }
        for (LoadLoop loop : loops) {
            loop.close();
        }
    }

    // ---- helpers ----

    LoadLoop loop(int i) {
        return loops[i % loops.length];
    }

    /**
     * Opens {@code n} connections, at most {@link #HANDSHAKES} at a time (a burst of thousands would
     * overflow the server's accept queue and measure SYN retransmits), optionally sending a first frame.
     */
    private List<LoadConnection> openMany(int n, java.util.function.IntFunction<LoadConnection.Listener> listener,
                                          java.util.function.IntFunction<String> first) throws Exception {
        Semaphore handshakes = new Semaphore(HANDSHAKES);
        List<CompletableFuture<LoadConnection>> opening = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            handshakes.acquire();
            String frame = first == null ? null : first.apply(i);
            CompletableFuture<LoadConnection> f = loop(i).connect(ws, listener.apply(i));
            f.whenComplete((c, t) -> {
                handshakes.release();
                if (c != null && frame != null) {
                    c.sendText(frame);
                }
            });
            opening.add(f);
        }
        return awaitAll(opening);
    }

    static List<LoadConnection> awaitAll(List<CompletableFuture<LoadConnection>> opening) throws Exception {
        List<LoadConnection> open = new ArrayList<>(opening.size());
        for (CompletableFuture<LoadConnection> f : opening) {
            open.add(f.get(60, TimeUnit.SECONDS));
        }
        return open;
    }

    static void closeConnections(List<LoadConnection> connections) throws Exception {
        for (LoadConnection c : connections) {
            c.loop.execute(() -> c.failed(new IOException("bench done")));
        }
    }

    /**
     * A paced scenario's warm-up, discarded: long enough for both JITs to settle on the paced path.
     * It runs the measuring code too (slicing, /proc/stat, the server probe): measured, the first
     * compilations of that code in this JVM fell inside the window and took a core from the
     * generator and the server on a 2-core machine.
     */
    void warmUp(Recorder recorder, long millis) throws Exception {
        hiccups = Hiccups.start();
        probe.sample();
        StealSplit.record(recorder, millis);
        recorder.getIntervalHistogram();
    }

    /** The steal-free part of a paced run, when there is one (see {@link StealSplit}). */
    void printQuiet(StealSplit split) {
        Histogram q = split.quiet();
        if (q.getTotalCount() > 0) {
            out.printf("  in the %d of %d tenths of a second with no host steal in them or the tenth before: "
                    + "p50 %.3f ms  p99 %.3f ms  (n=%,d)%n",
                    split.quietTenths(), split.tenths(), q.getValueAtPercentile(50) / 1e3,
                    q.getValueAtPercentile(99) / 1e3, q.getTotalCount());
        }
    }

    /** What the machine itself did to a sleeping thread over the same window (see {@link Hiccups}). */
    void printHiccups() {
        Histogram h = hiccups.interval();
        hiccups.close();
        hiccups = null;
        out.printf("  platform: a thread here sleeping 1 ms at a time woke late by p99 %.3f ms, max %.3f ms%n",
                h.getValueAtPercentile(99) / 1e3, h.getMaxValue() / 1e3);
    }

    String failures() {
        long n = 0;
        String last = null;
        for (LoadLoop loop : loops) {
            n += loop.failures.get();
            last = loop.lastFailure() != null ? loop.lastFailure() : last;
        }
        return n == 0 ? "" : "  (" + n + " CONNECTION FAILURES, last: " + last + ")";
    }

    /** CPU time of this JVM so far, in nanoseconds (0 where the JDK does not tell). */
    static long processCpu() {
        return Math.max(0, io.skyrtc.signaling.http.Health.processCpuNanos());
    }
}
