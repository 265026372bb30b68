package io.skyrtc.signaling.bench;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The load scenarios of {@code skyrtc bench}. Every figure comes from the server's own counters
 * (CPU, RSS, relayed) or from timestamps taken in this process around real frames.
 */
final class Scenarios {
    private final URI base;
    private final URI ws;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ServerProbe probe;
    private final PrintStream out;

    Scenarios(URI base, PrintStream out) {
        this.base = base;
        this.ws = URI.create(base.toString().replace("http://", "ws://") + "/ws");
        this.probe = new ServerProbe(http, base);
        this.out = out;
    }

    /** P pairs; each side keeps {@code window} offers in flight to its partner, as fast as the server relays. */
    void relay(int pairs, int seconds, int sdpBytes, int window) throws Exception {
        String sdp = "v=0 " + "a".repeat(Math.max(0, sdpBytes - 4));
        AtomicLong received = new AtomicLong();
        List<Pair> all = openPairs("relay", pairs, text -> received.incrementAndGet(), window);
        long genCpu0 = processCpu();
        ServerProbe.Sample s0 = probe.sample();
        long t0 = System.nanoTime();
        long deadline = t0 + TimeUnit.SECONDS.toNanos(seconds);
        List<Thread> senders = new ArrayList<>();
        for (Pair p : all) {
            for (int side = 0; side < 2; side++) {
                Peer from = p.peers[side];
                Peer to = p.peers[1 - side];
                String frame = "{\"type\":\"offer\",\"to\":\"" + to.id + "\",\"sdp\":\"" + sdp + "\"}";
                Thread t = new Thread(() -> {
                    while (System.nanoTime() < deadline) {
                        try {
                            if (to.window.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                                from.socket.send(frame);
                            }
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                });
                t.start();
                senders.add(t);
            }
        }
        for (Thread t : senders) {
            t.join();
        }
        double elapsed = (System.nanoTime() - t0) / 1e9;
        ServerProbe.Sample s1 = probe.sample();
        long genCpu = processCpu() - genCpu0;
        long relayed = s1.relayed() - s0.relayed();
        out.printf("relay: pairs=%d window=%d sdp=%dB duration=%.1fs%n", pairs, window, sdpBytes, elapsed);
        out.printf("  relayed %,d msgs = %,.0f msgs/s (received by clients: %,d)%n", relayed, relayed / elapsed,
                received.get());
        out.printf("  server CPU %.2f µs/msg (%.0f%% of one core), load generator CPU %.0f%% of one core%n",
                (s1.cpuNanos() - s0.cpuNanos()) / 1e3 / relayed, (s1.cpuNanos() - s0.cpuNanos()) / 1e7 / elapsed,
                genCpu / 1e7 / elapsed);
        close(all);
    }

    /** A fixed offered rate spread over P pairs; one-way latency from send to receipt. */
    void latency(int pairs, int rate, int seconds, int sdpBytes) throws Exception {
        Recorder recorder = new Recorder(3);
        String pad = "a".repeat(Math.max(0, sdpBytes - 30));
        List<Pair> all = openPairs("lat", pairs, text -> {
            String sdp = BenchSocket.field(text, "sdp");
            if (sdp != null && sdp.startsWith("t=")) {
                long sent = Long.parseLong(sdp.substring(2, sdp.indexOf(';')));
                recorder.recordValue(Math.max(0, System.nanoTime() - sent) / 1000);
            }
        }, 0);
        int senders = Math.min(pairs * 2, 8);
        ScheduledExecutorService pacer = Executors.newScheduledThreadPool(senders);
        long periodNanos = 1_000_000_000L * senders / rate;
        AtomicLong sent = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        for (int s = 0; s < senders; s++) {
            int lane = s;
            pacer.scheduleAtFixedRate(new Runnable() {
                long n = lane;

                @Override
                public void run() {
                    try {
                        sendNext();
                    } catch (RuntimeException e) {
                        failures.incrementAndGet();
                    }
                }

                private void sendNext() {
                    Pair p = all.get((int) (n % all.size()));
                    int side = (int) ((n / all.size()) % 2);
                    n += senders;
                    p.peers[side].socket.send("{\"type\":\"offer\",\"to\":\"" + p.peers[1 - side].id
                            + "\",\"sdp\":\"t=" + System.nanoTime() + ";" + pad + "\"}");
                    sent.incrementAndGet();
                }
            }, periodNanos * lane / senders, periodNanos, TimeUnit.NANOSECONDS);
        }
        Thread.sleep(2000); // warm-up, discarded
        recorder.getIntervalHistogram();
        ServerProbe.Sample s0 = probe.sample();
        long sent0 = sent.get();
        Thread.sleep(seconds * 1000L);
        Histogram h = recorder.getIntervalHistogram();
        long sentN = sent.get() - sent0;
        ServerProbe.Sample s1 = probe.sample();
        pacer.shutdownNow();
        out.printf("latency: offered %,d msgs/s over %d pairs for %ds (achieved %,.0f msgs/s sent)%n", rate, pairs,
                seconds, sentN / (double) seconds);
        out.printf("  one-way p50 %.3f ms  p99 %.3f ms  p99.9 %.3f ms  max %.3f ms  (n=%,d)%n",
                h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(99) / 1e3,
                h.getValueAtPercentile(99.9) / 1e3, h.getMaxValue() / 1e3, h.getTotalCount());
        out.printf("  server CPU %.2f µs/msg%s%n",
                (s1.cpuNanos() - s0.cpuNanos()) / 1e3 / Math.max(1, s1.relayed() - s0.relayed()),
                failures.get() == 0 ? "" : "  (" + failures.get() + " SEND FAILURES)");
        close(all);
    }

    /** Joins at a fixed rate on pre-opened sockets (2 per room); latency from join sent to welcome. */
    void join(int rate, int seconds) throws Exception {
        int total = rate * seconds;
        Histogram h = new Histogram(3);
        long[] sentAt = new long[total];
        CountDownLatch welcomed = new CountDownLatch(total);
        List<BenchSocket> sockets = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            int idx = i;
            sockets.add(new BenchSocket(http, ws, text -> {
                if (text.startsWith("{\"type\":\"welcome\"")) {
                    long us = (System.nanoTime() - sentAt[idx]) / 1000;
                    synchronized (h) {
                        h.recordValue(us);
                    }
                    welcomed.countDown();
                }
            }));
        }
        long period = 1_000_000_000L / rate;
        long t0 = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = t0 + i * period;
            while (System.nanoTime() < due) {
                Thread.onSpinWait();
            }
            sentAt[i] = System.nanoTime();
            sockets.get(i).send("{\"type\":\"join\",\"room\":\"join-" + (i / 2) + "\"}");
        }
        boolean all = welcomed.await(30, TimeUnit.SECONDS);
        out.printf("join: %d joins at %d/s: p50 %.3f ms  p99 %.3f ms  max %.3f ms%s%n", total, rate,
                h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(99) / 1e3, h.getMaxValue() / 1e3,
                all ? "" : "  (NOT ALL WELCOMED)");
        sockets.forEach(BenchSocket::abort);
    }

    /** Opens and joins N idle connections; RSS growth on the server divided by N. */
    void idle(int connections) throws Exception {
        System.gc();
        ServerProbe.Sample s0 = probe.sample();
        List<BenchSocket> sockets = new ArrayList<>(connections);
        CountDownLatch welcomed = new CountDownLatch(connections);
        for (int i = 0; i < connections; i++) {
            BenchSocket s = new BenchSocket(http, ws, text -> welcomed.countDown());
            s.send("{\"type\":\"join\",\"room\":\"idle-" + (i / 8) + "\"}");
            sockets.add(s);
        }
        welcomed.await(120, TimeUnit.SECONDS);
        Thread.sleep(3000);
        ServerProbe.Sample s1 = probe.sample();
        out.printf("idle: %,d joined connections (server sees %,d): RSS %,d -> %,d bytes = %,.0f bytes/connection%n",
                connections, s1.connections(), s0.rssBytes(), s1.rssBytes(),
                (s1.rssBytes() - s0.rssBytes()) / (double) connections);
        sockets.forEach(BenchSocket::abort);
    }

    // ---- helpers ----

    private static final class Peer {
        volatile String id;
        BenchSocket socket;
        final Semaphore window;

        /** window <= 0: unlimited (paced scenarios). */
        Peer(int window) {
            this.window = window > 0 ? new Semaphore(window) : null;
        }
    }

    private static final class Pair {
        final Peer[] peers = new Peer[2];
    }

    private List<Pair> openPairs(String prefix, int pairs, java.util.function.Consumer<String> onRelay, int window)
            throws Exception {
        List<Pair> all = new ArrayList<>();
        CountDownLatch welcomed = new CountDownLatch(pairs * 2);
        for (int i = 0; i < pairs; i++) {
            Pair pair = new Pair();
            for (int side = 0; side < 2; side++) {
                Peer peer = new Peer(window);
                peer.socket = new BenchSocket(http, ws, text -> {
                    if (text.startsWith("{\"type\":\"offer\"")) {
                        if (peer.window != null) {
                            peer.window.release();
                        }
                        onRelay.accept(text);
                    } else if (text.startsWith("{\"type\":\"welcome\"")) {
                        peer.id = BenchSocket.field(text, "peerId");
                        welcomed.countDown();
                    }
                });
                peer.socket.send("{\"type\":\"join\",\"room\":\"" + prefix + "-" + i + "\"}");
                pair.peers[side] = peer;
            }
            all.add(pair);
        }
        if (!welcomed.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("not every bench peer was welcomed; is the server in dev mode?");
        }
        return all;
    }

    private static void close(List<Pair> pairs) {
        for (Pair p : pairs) {
            for (Peer peer : p.peers) {
                peer.socket.abort();
            }
        }
    }

    /** CPU time of this JVM so far, in nanoseconds (0 where the JDK does not tell). */
    static long processCpu() {
        return Math.max(0, io.skyrtc.signaling.http.Health.processCpuNanos());
    }
}
