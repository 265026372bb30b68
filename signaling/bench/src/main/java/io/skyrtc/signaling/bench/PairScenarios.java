package io.skyrtc.signaling.bench;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The scenarios that relay between peer pairs: {@code relay} (closed loop, as fast as the server goes)
 * and {@code latency} (a fixed offered rate). Both count what they sent against what arrived
 * ({@link Delivery}).
 */
final class PairScenarios {
    /** The paced scenario's send granularity: fewer wake-ups keep the generator off the server's cores. */
    private static final long TICK_NANOS = 200_000;
    private final Scenarios sc;

    PairScenarios(Scenarios sc) {
        this.sc = sc;
    }

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

    /** P pairs; each side keeps {@code window} offers in flight to its partner, as fast as the server relays. */
    void relay(int pairs, int seconds, int sdpBytes, int window) throws Exception {
        String sdp = "v=0 " + "a".repeat(Math.max(0, sdpBytes - 4));
        AtomicLong received = new AtomicLong();
        AtomicLong sent = new AtomicLong();
        boolean[] running = {true};
        List<Peer[]> all = openPairs("relay", pairs, (peer, b, off, len) -> {
            if (Payloads.startsWith(b, off, len, Payloads.OFFER)) {
                received.incrementAndGet();
                if (running[0]) {
                    // the partner may send one more: its window towards us has a free slot
                    peer.partner.connection.send(peer.partner.offer);
                    sent.incrementAndGet();
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
                        sent.incrementAndGet();
                    }
                }
            });
        }
        Thread.sleep(2000); // warm-up, not measured
        long jit0 = sc.jitCpu();
        Window w = Window.start(sc.probe());
        long received0 = received.get();
        Thread.sleep(seconds * 1000L);
        Window.Result r = w.end(sc.probe());
        long jit1 = sc.jitCpu();
        long clients = received.get() - received0;
        for (LoadLoop loop : sc.loops()) {
            loop.execute(() -> running[0] = false);
        }
        Delivery delivery = Delivery.settle("offers", sent::get, received, Delivery.SETTLE_MS);
        sc.out().printf("relay (%s): pairs=%d window=%d sdp=%dB measured %.1fs after 2s warm-up%n", sc.modeLabel(), pairs,
                window, sdpBytes, r.seconds());
        sc.out().printf("  relayed %,d msgs = %,.0f msgs/s (received by clients: %,d)%n", r.relayed(),
                r.relayed() / r.seconds(), clients);
        sc.out().printf("  server CPU %.2f µs/msg%s (%.0f%% of one core); load generator CPU %.0f%% of one core "
                + "(%.2f µs/msg)%s%n", r.serverMicrosPerMsg(), jitShare(r, jit0, jit1), r.serverCores() * 100,
                r.clientCores() * 100,
                r.clientMicrosPerMsg(), r.steal() + sc.failures());
        sc.out().printf("  %s%n", delivery.text());
        close(all);
    }

    /** A fixed offered rate spread over P pairs; one-way latency from the moment each send was due. */
    void latency(int pairs, int rate, int seconds, int sdpBytes) throws Exception {
        Recorder recorder = new Recorder(3);
        AtomicLong received = new AtomicLong();
        String pad = "a".repeat(Math.max(0, sdpBytes - 30));
        List<Peer[]> all = openPairs("lat", pairs, (peer, b, off, len) -> {
            long stamp = Payloads.stamp(b, off, len);
            if (stamp >= 0) {
                received.incrementAndGet();
                recorder.recordValue(Math.max(0, System.nanoTime() - sc.base() - stamp) / 1000);
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
                    from.stamped.writeTo(scratch, due - sc.base());
                    if (sc.mode() == ClientMode.REALISTIC) {
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
        sc.warmUp(recorder, sc.warmUpMs());
        sc.hiccups().interval();
        long jit0 = sc.jitCpu();
        Window w = Window.start(sc.probe());
        long sent0 = sent.get();
        StealSplit split = StealSplit.record(recorder, seconds * 1000L);
        Histogram h = split.all();
        Window.Result r = w.end(sc.probe());
        long jit1 = sc.jitCpu();
        long sentN = sent.get() - sent0;
        pacer.interrupt();
        pacer.join();
        Delivery delivery = Delivery.settle("offers", sent::get, received, Delivery.SETTLE_MS);
        sc.out().printf("latency (%s): offered %,d msgs/s over %d pairs for %.1fs (sent %,.0f msgs/s, server relayed %,.0f/s)%n",
                sc.modeLabel(), rate, pairs, r.seconds(), sentN / r.seconds(), r.relayed() / r.seconds());
        sc.out().printf("  one-way p50 %.3f ms  p99 %.3f ms  p99.9 %.3f ms  max %.3f ms  (n=%,d)%n",
                h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(99) / 1e3,
                h.getValueAtPercentile(99.9) / 1e3, h.getMaxValue() / 1e3, h.getTotalCount());
        sc.printQuiet(split);
        sc.printHiccups();
        sc.out().printf("  server CPU %.2f µs/msg%s (%.0f%% of one core); load generator %.0f%% of one core%s%n",
                r.serverMicrosPerMsg(), jitShare(r, jit0, jit1), r.serverCores() * 100, r.clientCores() * 100,
                r.steal() + sc.failures());
        sc.out().printf("  %s%n", delivery.text());
        close(all);
    }

    /** " (of which the JIT compiler N µs)" per relayed message, or nothing when unknown. */
    private static String jitShare(Window.Result r, long jit0, long jit1) {
        return jit0 < 0 || jit1 < 0 ? "" : String.format(" (of which the JIT compiler %.2f µs)",
                (jit1 - jit0) / 1e3 / Math.max(1, r.relayed()));
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
                opening.add(sc.connect(i, (c, b, off, len) -> {
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
        Scenarios.awaitAll(opening);
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

    private void close(List<Peer[]> pairs) throws Exception {
        List<LoadConnection> cs = new ArrayList<>();
        for (Peer[] pair : pairs) {
            cs.add(pair[0].connection);
            cs.add(pair[1].connection);
        }
        Scenarios.closeConnections(cs);
    }
}
