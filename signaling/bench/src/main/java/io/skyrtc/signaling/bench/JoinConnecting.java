package io.skyrtc.signaling.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The join scenario as browsers join: each join is a new TCP connection opened at its due time with a
 * browser's upgrade request ({@link ClientFrames#browserHandshake}); the {@code join} goes out as soon
 * as the 101 is in (a page's {@code onopen}), 2 peers per room. Latency runs from the connection's due
 * time to its {@code welcome}, so it holds the TCP connect, the upgrade and the join; the upgrade's
 * share is printed apart. Server CPU per join covers all of it. Nothing is warmed up unless
 * {@code --warm-up} says so: on a fresh server this is a freshly started node's first joins.
 */
final class JoinConnecting {
    private final Scenarios sc;
    private final URI ws;
    private final int rate;
    private final int seconds;
    private final long warmUpMs;

    JoinConnecting(Scenarios sc, URI ws, int rate, int seconds, long warmUpMs) {
        this.sc = sc;
        this.ws = ws;
        this.rate = rate;
        this.seconds = seconds;
        this.warmUpMs = warmUpMs;
    }

    void run() throws Exception {
        int total = rate * seconds;
        int warm = (int) Math.min(total, rate * warmUpMs / 1000);
        Recorder welcomes = new Recorder(3);
        Recorder upgrades = new Recorder(3);
        long[] dueAt = new long[warm + total];
        CountDownLatch welcomed = new CountDownLatch(warm + total);
        AtomicLong refused = new AtomicLong();
        List<LoadConnection> sockets = new ArrayList<>();
        long period = 1_000_000_000L / rate;
        long t0 = System.nanoTime() + 10_000_000L;
        for (int i = 0; i < dueAt.length; i++) {
            dueAt[i] = t0 + i * period;
        }
        Thread pacer = new Thread(() -> {
            for (int i = 0; i < dueAt.length; i++) {
                LockSupport.parkNanos(dueAt[i] - System.nanoTime());
                int n = i;
                boolean[] seen = {false};
                sc.connect(n, (c, b, off, len) -> {
                    if (!seen[0] && Payloads.startsWith(b, off, len, Payloads.WELCOME)) {
                        seen[0] = true;
                        if (n >= warm) {
                            welcomes.recordValue((System.nanoTime() - dueAt[n]) / 1000);
                        }
                        welcomed.countDown();
                    }
                }).whenComplete((c, t) -> {
                    if (c == null) {
                        refused.incrementAndGet();
                        welcomed.countDown();
                        return;
                    }
                    if (n >= warm) {
                        upgrades.recordValue((System.nanoTime() - dueAt[n]) / 1000);
                    }
                    synchronized (sockets) {
                        sockets.add(c);
                    }
                    // on the loop thread, right after the 101: the page's onopen sends its join
                    c.sendText("{\"type\":\"join\",\"room\":\"join-" + (n / 2) + "\"}");
                });
            }
        }, "bench-joins");
        pacer.setDaemon(true);
        pacer.start();
        sc.warmUp(welcomes, Math.max(0, (dueAt[warm] - System.nanoTime()) / 1_000_000));
        LockSupport.parkNanos(dueAt[warm] - System.nanoTime());
        welcomes.getIntervalHistogram();
        upgrades.getIntervalHistogram();
        long jit0 = sc.jitCpu();
        Window w = Window.start(sc.probe());
        StealSplit split = StealSplit.record(welcomes, seconds * 1000L);
        boolean all = welcomed.await(30, TimeUnit.SECONDS);
        Window.Result r = w.end(sc.probe());
        long jit1 = sc.jitCpu();
        pacer.join();
        Histogram h = split.all();
        h.add(welcomes.getIntervalHistogram()); // welcomes that came after the last slice
        Histogram u = upgrades.getIntervalHistogram();
        sc.out().printf("join (%s; each a new connection with a browser's upgrade): %d joins at %d/s (after %d "
                + "warm-up joins), connect->welcome p50 %.3f ms  p99 %.3f ms  max %.3f ms%s%s%s%s%n", sc.modeLabel(),
                total, rate, warm, h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(99) / 1e3,
                h.getMaxValue() / 1e3, r.steal(), all ? "" : "  (NOT ALL WELCOMED)",
                refused.get() == 0 ? "" : "  (" + refused.get() + " UPGRADES FAILED)", sc.failures());
        sc.out().printf("  of which connect->101: p50 %.3f ms  p99 %.3f ms%n", u.getValueAtPercentile(50) / 1e3,
                u.getValueAtPercentile(99) / 1e3);
        sc.printQuiet(split);
        sc.printHiccups();
        sc.printJoinCpu(r, total, jit0, jit1);
        sc.out().printf("  %s%n", new Delivery("joins (welcomes)", dueAt.length,
                dueAt.length - welcomed.getCount() - refused.get()).text());
        List<LoadConnection> open;
        synchronized (sockets) {
            open = new ArrayList<>(sockets);
        }
        Scenarios.closeConnections(open);
    }
}
