package io.skyrtc.signaling.bench;

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
import java.util.concurrent.atomic.AtomicLong;
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
    /** The paced scenarios' send granularity: fewer wake-ups keep the generator off the server's cores. */
    private static final long TICK_NANOS = 200_000;
    private final URI ws;
    private final ServerProbe probe;
    private final PrintStream out;
    private final LoadLoop[] loops;
    /** Runs only in paced scenarios, from warm-up to report (a wake-up per ms would cost relay a little). */
    private Hiccups hiccups;
    private final ServerProbe.Collector collector;
    private final long base = System.nanoTime();
    private static final int HANDSHAKES = 256;
    /** Paced scenarios' discarded warm-up. */
    private final long warmUpMs;
    private final ClientMode mode;

    /**
     * @param collector makes the server collect garbage (for the heap's share of an idle connection);
     *                  null where that is not possible, and the idle figure is then RSS growth only
     */
    Scenarios(URI baseUri, PrintStream out, int clientThreads, ServerProbe.Collector collector, ClientMode mode,
              long warmUpMs) throws IOException {
        this.collector = collector;
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

    /** P pairs; each side keeps {@code window} offers in flight to its partner, as fast as the server relays. */
    void relay(int pairs, int seconds, int sdpBytes, int window) throws Exception {
        String sdp = "v=0 " + "a".repeat(Math.max(0, sdpBytes - 4));
        AtomicLong received = new AtomicLong();
        boolean[] running = {true};
        List<Peer[]> all = openPairs("relay", pairs, (peer, b, off, len) -> {
            if (Payloads.startsWith(b, off, len, Payloads.OFFER)) {
                received.incrementAndGet();
                if (running[0]) {
                    // the partner may send one more: its window towards us has a free slot
                    peer.partner.connection.send(peer.partner.offer);
                }
            }
        });
        for (Peer[] pair : all) {
            for (Peer p : pair) {
                p.offer = ClientFrames.text("{\"type\":\"offer\",\"to\":\"" + p.partner.id + "\",\"sdp\":\"" + sdp + "\"}");
            }
        }
        for (Peer[] pair : all) {
            pair[0].connection.loop.execute(() -> {
                for (Peer p : pair) {
                    for (int i = 0; i < window; i++) {
                        p.connection.send(p.offer);
                    }
                }
            });
        }
        Thread.sleep(2000); // warm-up, not measured
        Window w = Window.start(probe);
        long received0 = received.get();
        Thread.sleep(seconds * 1000L);
        Window.Result r = w.end(probe);
        long clients = received.get() - received0;
        for (LoadLoop loop : loops) {
            loop.execute(() -> running[0] = false);
        }
        out.printf("relay (%s): pairs=%d window=%d sdp=%dB measured %.1fs after 2s warm-up%n", modeLabel(), pairs,
                window, sdpBytes, r.seconds());
        out.printf("  relayed %,d msgs = %,.0f msgs/s (received by clients: %,d)%n", r.relayed(),
                r.relayed() / r.seconds(), clients);
        out.printf("  server CPU %.2f µs/msg (%.0f%% of one core); load generator CPU %.0f%% of one core "
                + "(%.2f µs/msg)%s%n", r.serverMicrosPerMsg(), r.serverCores() * 100, r.clientCores() * 100,
                r.clientMicrosPerMsg(), r.steal() + failures());
        close(all);
    }

    /** A fixed offered rate spread over P pairs; one-way latency from the moment each send was due. */
    void latency(int pairs, int rate, int seconds, int sdpBytes) throws Exception {
        Recorder recorder = new Recorder(3);
        String pad = "a".repeat(Math.max(0, sdpBytes - 30));
        List<Peer[]> all = openPairs("lat", pairs, (peer, b, off, len) -> {
            long stamp = Payloads.stamp(b, off, len);
            if (stamp >= 0) {
                recorder.recordValue(Math.max(0, System.nanoTime() - base - stamp) / 1000);
            }
        });
        for (Peer[] pair : all) {
            for (Peer p : pair) {
                p.stamped = new ClientFrames.Stamped("{\"type\":\"offer\",\"to\":\"" + p.partner.id + "\",\"sdp\":\"t=",
                        ";" + pad + "\"}");
            }
        }
        AtomicLong sent = new AtomicLong();
        Thread pacer = new Thread(() -> {
            long period = 1_000_000_000L / rate;
            long due = System.nanoTime();
            long n = 0;
            ByteBuffer scratch = ByteBuffer.allocateDirect(all.get(0)[0].stamped.length() + 64);
            while (!Thread.currentThread().isInterrupted()) {
                long now = System.nanoTime();
                // stamp with the due time, not the send time: a late generator must not hide latency
                for (; due <= now; due += period, n++) {
                    Peer from = all.get((int) (n % all.size()))[(int) ((n / all.size()) % 2)];
                    scratch.clear();
                    from.stamped.writeTo(scratch, due - base);
                    if (mode == ClientMode.REALISTIC) {
                        ClientFrames.remask(scratch, 0, scratch.position());
                    }
                    from.connection.writeNow(scratch.flip());
                    sent.incrementAndGet();
                }
                // wake at most every TICK: one wake-up sends a few messages, each stamped with its own
                // due time (so lateness within a tick counts against the server, never for it)
                LockSupport.parkNanos(Math.max(due - now, TICK_NANOS));
            }
        }, "bench-pacer");
        pacer.setDaemon(true);
        pacer.start();
        warmUp(recorder, warmUpMs);
        hiccups.interval();
        Window w = Window.start(probe);
        long sent0 = sent.get();
        StealSplit split = StealSplit.record(recorder, seconds * 1000L);
        Histogram h = split.all();
        Window.Result r = w.end(probe);
        long sentN = sent.get() - sent0;
        pacer.interrupt();
        pacer.join();
        out.printf("latency (%s): offered %,d msgs/s over %d pairs for %.1fs (sent %,.0f msgs/s, server relayed %,.0f/s)%n",
                modeLabel(), rate, pairs, r.seconds(), sentN / r.seconds(), r.relayed() / r.seconds());
        out.printf("  one-way p50 %.3f ms  p99 %.3f ms  p99.9 %.3f ms  max %.3f ms  (n=%,d)%n",
                h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(99) / 1e3,
                h.getValueAtPercentile(99.9) / 1e3, h.getMaxValue() / 1e3, h.getTotalCount());
        printQuiet(split);
        printHiccups();
        out.printf("  server CPU %.2f µs/msg (%.0f%% of one core); load generator %.0f%% of one core%s%n",
                r.serverMicrosPerMsg(), r.serverCores() * 100, r.clientCores() * 100, r.steal() + failures());
        close(all);
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
        Window w = Window.start(probe);
        StealSplit split = StealSplit.record(recorder, seconds * 1000L);
        boolean all = welcomed.await(30, TimeUnit.SECONDS);
        Window.Result r = w.end(probe);
        pacer.join();
        Histogram h = split.all();
        h.add(recorder.getIntervalHistogram()); // welcomes that came after the last slice
        out.printf("join (%s, on pre-opened sockets): %d joins at %d/s (after %d warm-up joins): p50 %.3f ms  "
                + "p99 %.3f ms  max %.3f ms%s%s%s%n", modeLabel(), total, rate, warm, h.getValueAtPercentile(50) / 1e3,
                h.getValueAtPercentile(99) / 1e3, h.getMaxValue() / 1e3, r.steal(),
                all ? "" : "  (NOT ALL WELCOMED)", failures());
        printQuiet(split);
        printHiccups();
        printJoinCpu(r, total);
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
        closeConnections(sockets);
    }

    /** Server CPU per join over the measured window (the window also holds a few /healthz reads). */
    void printJoinCpu(Window.Result r, int joins) {
        out.printf("  server CPU %.0f µs/join (%.0f%% of one core); load generator %.0f%% of one core%n",
                r.serverCpuNanos() / 1e3 / Math.max(1, joins), r.serverCores() * 100, r.clientCores() * 100);
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

    /** One bench peer: its connection, its server-given id, its partner and the frame it sends it. */
    private static final class Peer {
        LoadConnection connection;
        volatile String id;
        Peer partner;
        byte[] offer;
        ClientFrames.Stamped stamped;
    }

    private interface PeerListener {
        void onText(Peer peer, ByteBuffer buffer, int offset, int length);
    }

    private LoadLoop loop(int i) {
        return loops[i % loops.length];
    }

    /** Opens, joins and pairs 2×P peers; both peers of a pair share a loop, so relays stay on one thread. */
    private List<Peer[]> openPairs(String prefix, int pairs, PeerListener onOther) throws Exception {
        List<Peer[]> all = new ArrayList<>();
        CountDownLatch welcomed = new CountDownLatch(pairs * 2);
        List<CompletableFuture<LoadConnection>> opening = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            Peer[] pair = {new Peer(), new Peer()};
            pair[0].partner = pair[1];
            pair[1].partner = pair[0];
            for (Peer peer : pair) {
                opening.add(loop(i).connect(ws, (c, b, off, len) -> {
                    if (peer.id == null && Payloads.startsWith(b, off, len, Payloads.WELCOME)) {
                        peer.id = Payloads.field(b, off, len, "peerId");
                        welcomed.countDown();
                    } else {
                        onOther.onText(peer, b, off, len);
                    }
                }).thenApply(c -> {
                    peer.connection = c;
                    return c;
                }));
            }
            all.add(pair);
        }
        awaitAll(opening);
        for (int i = 0; i < all.size(); i++) {
            for (Peer p : all.get(i)) {
                p.connection.sendText("{\"type\":\"join\",\"room\":\"" + prefix + "-" + i + "\"}");
            }
        }
        if (!welcomed.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("not every bench peer was welcomed; is the server in dev mode?");
        }
        return all;
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

    private static List<LoadConnection> awaitAll(List<CompletableFuture<LoadConnection>> opening) throws Exception {
        List<LoadConnection> open = new ArrayList<>(opening.size());
        for (CompletableFuture<LoadConnection> f : opening) {
            open.add(f.get(60, TimeUnit.SECONDS));
        }
        return open;
    }

    private void close(List<Peer[]> pairs) throws Exception {
        List<LoadConnection> cs = new ArrayList<>();
        for (Peer[] pair : pairs) {
            cs.add(pair[0].connection);
            cs.add(pair[1].connection);
        }
        closeConnections(cs);
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
