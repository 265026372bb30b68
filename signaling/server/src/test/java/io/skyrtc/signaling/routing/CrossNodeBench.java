package io.skyrtc.signaling.routing;

import io.skyrtc.signaling.testing.WsClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Numbers for docs/SCALING.md, not a test (runs only with -Dbench=true): two nodes (own JVMs) and Redis
 * on loopback; relay throughput and latency between peers on the same node and on different nodes,
 * Redis commands per relayed message, and failover time over repeated kill -9 of the owner.
 *
 * <pre>./mvnw -B -q -pl signaling/server -am verify -Dtest=CrossNodeBench -Dsurefire.failIfNoSpecifiedTests=false -Dbench=true</pre>
 * {@code -Dbench.failoverOnly=true}: only the kills; {@code -Dbench.kills=N} (0: no failovers);
 * {@code -Dbench.cluster=true}: the relay rounds on a 3-master Redis Cluster.
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class CrossNodeBench {
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final int PAIRS = Integer.getInteger("bench.pairs", 8);
    static final int SECONDS = Integer.getInteger("bench.seconds", 10);
    static final int RATE = Integer.getInteger("bench.rate", 5000);
    static final int KILLS = Integer.getInteger("bench.kills", 10);

    static Map<String, String> env(RedisProcess redis, String id) {
        return unlimited(Cluster.env(redis, id, "bench", 3000));
    }

    static Map<String, String> unlimited(Map<String, String> nodeEnv) {
        Map<String, String> env = new HashMap<>(nodeEnv);
        env.put("SKYRTC_LIMITS_RATE_PER_SECOND", "1000000");
        env.put("SKYRTC_LIMITS_RATE_BURST", "1000000");
        return env;
    }

    @Test
    void relayAndFailover() throws Exception {
        if (!Boolean.getBoolean("bench.failoverOnly")) {
            relay();
        }
        failovers();
    }

    /** With -Dbench.cluster=true: on a 3-master Redis Cluster (commands counted on every master). */
    void relay() throws Exception {
        if (Boolean.getBoolean("bench.cluster")) {
            try (RedisClusterProcess cluster = new RedisClusterProcess(3);
                 NodeProcess a = new NodeProcess(unlimited(Cluster.env(cluster, "a", "bench", 3000)), List.of("-Xmx512m"));
                 NodeProcess b = new NodeProcess(unlimited(Cluster.env(cluster, "b", "bench", 3000)), List.of("-Xmx512m"))) {
                relay(a, b, () -> {
                    long total = 0;
                    for (RedisProcess n : cluster.nodes) {
                        total += commands(n);
                    }
                    return total;
                });
            }
            return;
        }
        try (RedisProcess redis = new RedisProcess();
             NodeProcess a = new NodeProcess(env(redis, "a"), List.of("-Xmx512m"));
             NodeProcess b = new NodeProcess(env(redis, "b"), List.of("-Xmx512m"))) {
            relay(a, b, () -> commands(redis));
        }
    }

    void relay(NodeProcess a, NodeProcess b, java.util.concurrent.Callable<Long> commands) throws Exception {
        Thread.sleep(2000);
        // twice each, alternating: the first round also warms both JVMs up
        for (String mode : List.of("same", "cross", "via-owner", "same", "cross", "via-owner")) {
            URI second = mode.equals("same") ? a.base : b.base;
            long before = commands.call();
            URI first = mode.equals("via-owner") ? b.base : a.base;
            URI owner = mode.equals("via-owner") ? a.base : null;
            double rate = throughput(first, second, mode, owner);
            long after = commands.call();
            System.out.printf("BENCH %s-node saturation: %.0f msgs/s (%d pairs, %d s); redis commands/msg %.3f%n",
                    mode, rate, PAIRS, SECONDS, (after - before) / (rate * SECONDS));
            Histogram h = latency(first, second, mode, owner);
            System.out.printf("BENCH %s-node latency at %d msgs/s: p50 %.2f ms p99 %.2f ms max %.2f ms (%d samples)%n",
                    mode, RATE, h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(99) / 1e3,
                    h.getMaxValue() / 1e3, h.getTotalCount());
        }
    }

    void failovers() throws Exception {
        try (RedisProcess redis = new RedisProcess();
             NodeProcess b = new NodeProcess(env(redis, "b"))) {
            List<Long> times = new ArrayList<>();
            for (int i = 0; i < KILLS; i++) {
                times.add(failover(redis, b.base, "room" + i, "a" + i));  // ids differ: a restart does not wait for the old one's
            }
            times.sort(Long::compare);
            System.out.printf("BENCH failover (kill -9 of the owner to resumed welcome), %d kills: %s ms; min %d median %d"
                    + " max %d ms; load average %s%n", KILLS, times, times.get(0),
                    (times.get((KILLS - 1) / 2) + times.get(KILLS / 2)) / 2, times.get(KILLS - 1), loadAverage());
        }
    }

    static String loadAverage() throws Exception {
        return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
    }

    static long failover(RedisProcess redis, URI survivor, String room, String ownerId) throws Exception {
        try (NodeProcess a = new NodeProcess(env(redis, ownerId))) {
            WsClient onA = WsClient.connect(a.base);
            var welcome = onA.join(room, null);
            WsClient onB = WsClient.connect(survivor);
            onB.join(room, null);
            long killed = System.nanoTime();
            a.signal("KILL");
            a.process.waitFor();
            Cluster.Resumed r = Cluster.resume(survivor, room, welcome.path("resumeToken").asText(),
                    onA.roomFramesReceived(), 15_000);
            long ms = (System.nanoTime() - killed) / 1_000_000;
            r.client().close();
            onB.close();
            onA.close();
            return ms;
        }
    }

    static long commands(RedisProcess redis) throws Exception {
        long total = 0;
        for (String line : RedisOutageTest.redisCli(redis, "INFO", "commandstats").split("\n")) {
            int i = line.indexOf("calls=");
            if (line.startsWith("cmdstat_") && i > 0 && !line.startsWith("cmdstat_info")) {
                total += Long.parseLong(line.substring(i + 6, line.indexOf(',', i)));
            }
        }
        return total;
    }

    /** Pairs: a sender on the first node, a receiver on {@code second}; each sender keeps 64 messages in flight. */
    /** {@code owner}: a node where an idle peer creates each room first (both peers are then on other nodes). */
    static double throughput(URI first, URI second, String tag, URI owner) throws Exception {
        List<Peer> senders = new ArrayList<>();
        List<Peer> receivers = new ArrayList<>();
        AtomicLong received = new AtomicLong();
        List<Peer> idle = new ArrayList<>();
        String run = Long.toString(System.nanoTime(), 36);
        for (int i = 0; i < PAIRS; i++) {
            String room = "t-" + tag + run + i;
            if (owner != null) {
                idle.add(Peer.join(owner, room, null));
            }
            Peer s = Peer.join(first, room, null);
            Peer r = Peer.join(second, room, received);
            senders.add(s);
            receivers.add(r);
            s.window = new Semaphore(64);
            r.credit = s.window;
            s.to = r.peerId;
        }
        Thread.sleep(300);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
        List<Thread> threads = new ArrayList<>();
        long start = received.get();
        for (Peer s : senders) {
            Thread t = new Thread(() -> {
                while (System.nanoTime() < end) {
                    try {
                        if (s.window.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                            s.send("{\"type\":\"data\",\"to\":\"" + s.to + "\",\"payload\":{\"t\":0}}");
                        }
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        double rate = (received.get() - start) / (double) SECONDS;
        senders.forEach(Peer::close);
        receivers.forEach(Peer::close);
        idle.forEach(Peer::close);
        return rate;
    }

    /** Paced at {@link #RATE} msgs/s over all pairs; each message carries its send time. */
    static Histogram latency(URI first, URI second, String tag, URI owner) throws Exception {
        Histogram h = new Histogram();
        List<Peer> senders = new ArrayList<>();
        List<Peer> receivers = new ArrayList<>();
        List<Peer> idle = new ArrayList<>();
        String run = Long.toString(System.nanoTime(), 36);
        for (int i = 0; i < PAIRS; i++) {
            String room = "l-" + tag + run + i;
            if (owner != null) {
                idle.add(Peer.join(owner, room, null));
            }
            Peer s = Peer.join(first, room, null);
            Peer r = Peer.join(second, room, null);
            s.to = r.peerId;
            r.latency = h;
            senders.add(s);
            receivers.add(r);
        }
        Thread.sleep(300);
        long intervalNs = TimeUnit.SECONDS.toNanos(1) / RATE;
        long start = System.nanoTime();
        long count = (long) RATE * SECONDS;
        for (long n = 0; n < count; n++) {
            long due = start + n * intervalNs;
            while (System.nanoTime() < due) {
                Thread.onSpinWait();
            }
            Peer s = senders.get((int) (n % PAIRS));
            s.send("{\"type\":\"data\",\"to\":\"" + s.to + "\",\"payload\":{\"t\":" + System.nanoTime() + "}}");
        }
        Thread.sleep(1000);
        senders.forEach(Peer::close);
        receivers.forEach(Peer::close);
        idle.forEach(Peer::close);
        synchronized (h) {
            return h.copy();
        }
    }

    /** A bare client: counts data frames, returns window credit, records latency from the payload's send time. */
    static final class Peer implements WebSocket.Listener {
        WebSocket ws;
        final CompletableFuture<Void> welcomed = new CompletableFuture<>();
        final AtomicLong counter;
        volatile Semaphore window;
        volatile Semaphore credit;
        volatile Histogram latency;
        volatile String peerId;
        volatile String to;
        private final StringBuilder partial = new StringBuilder();

        Peer(AtomicLong counter) {
            this.counter = counter;
        }

        static Peer join(URI base, String room, AtomicLong counter) throws Exception {
            Peer p = new Peer(counter);
            p.ws = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(WsClient.wsUri(base), p).join();
            p.send("{\"type\":\"join\",\"room\":\"" + room + "\",\"name\":\"b\"}");
            p.welcomed.get(10, TimeUnit.SECONDS);
            return p;
        }

        synchronized void send(String text) {
            ws.sendText(text, true).join();
        }

        void close() {
            ws.abort();
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String s = partial.toString();
                partial.setLength(0);
                if (s.startsWith("{\"type\":\"welcome\"")) {
                    int i = s.indexOf("\"peerId\":\"") + 10;
                    peerId = s.substring(i, s.indexOf('"', i));
                    welcomed.complete(null);
                } else if (s.startsWith("{\"type\":\"data\"")) {
                    long now = System.nanoTime();
                    if (counter != null) {
                        counter.incrementAndGet();
                    }
                    Semaphore c = credit;
                    if (c != null) {
                        c.release();
                    }
                    Histogram h = latency;
                    int i = s.indexOf("\"t\":");
                    if (h != null && i > 0) {
                        long sent = Long.parseLong(s.substring(i + 4, s.indexOf('}', i)));
                        synchronized (h) {
                            h.recordValue(Math.max(0, (now - sent) / 1000));
                        }
                    }
                }
            }
            webSocket.request(1);
            return null;
        }
    }

    /** Latency samples in µs (the server module keeps HdrHistogram out of its classpath; a bench run is small). */
    static final class Histogram {
        private long[] values = new long[1 << 16];
        private int n;

        void recordValue(long v) {
            if (n == values.length) {
                values = java.util.Arrays.copyOf(values, n * 2);
            }
            values[n++] = v;
        }

        long getTotalCount() {
            return n;
        }

        long getMaxValue() {
            return getValueAtPercentile(100);
        }

        Histogram copy() {
            Histogram c = new Histogram();
            c.values = java.util.Arrays.copyOf(values, values.length);
            c.n = n;
            return c;
        }

        long getValueAtPercentile(double p) {
            if (n == 0) {
                return 0;
            }
            long[] sorted = java.util.Arrays.copyOf(values, n);
            java.util.Arrays.sort(sorted);
            return sorted[(int) Math.max(0, Math.min(n - 1, Math.ceil(p / 100 * n) - 1))];
        }
    }
}
