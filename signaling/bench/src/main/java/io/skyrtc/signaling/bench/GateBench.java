package io.skyrtc.signaling.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.skyrtc.signaling.SkyrtcServer;
import io.skyrtc.signaling.config.ConfigLoader;
import io.skyrtc.signaling.protocol.ClientMessage;
import io.skyrtc.signaling.protocol.ServerMessage;
import io.skyrtc.signaling.room.Room;
import io.skyrtc.signaling.room.RoomRegistry;
import io.skyrtc.signaling.skynet.GateLink;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Events per second through the actor-core TCP gate link, with acks, and event latency (a peer's
 * {@code data} to "server" handed to its room actor → the event at the other end). The other end is
 * either a real skynet node running compose/skynet's watchdog with {@code bench/rtc_sink.lua} as the
 * game service (it counts and times what reaches it, and answers reset/report requests through
 * {@code rtc.send}), or an in-process fake gate that decodes and acknowledges like rtc_agent: skyrtc's
 * side alone, an upper bound that says nothing about a skynet node.
 */
public final class GateBench {
    private final PrintStream out;

    public GateBench(PrintStream out) {
        this.out = out;
    }

    /** Where the events go and what the run measures. */
    public record Target(String host, int port, String encoding, int batchMaxEvents) {
        /** The in-process fake gate: skyrtc's side alone, no skynet. */
        public boolean fake() {
            return host == null;
        }
    }

    /**
     * @param rate      events/s offered (open loop); 0 = as fast as the link takes them (closed loop,
     *                  at most {@code window} events in flight)
     */
    public void run(int rooms, int producers, int seconds, int rate, int window, int ackEvery, int payloadBytes,
                    Target target) throws Exception {
        try (BenchGate fake = target.fake() ? new BenchGate(ackEvery) : null;
             SkyrtcServer server = new SkyrtcServer(ConfigLoader.load(null, Map.of(
                     "SKYRTC_SERVER_DEV", "true", "SKYRTC_SERVER_PORT", "0",
                     "SKYRTC_ROOMS_MAX_PEERS_PER_ROOM", "2",
                     "SKYRTC_ACTOR_CORE_GATES", "[{\"name\":\"bench\",\"host\":\""
                             + (fake != null ? "127.0.0.1" : target.host()) + "\",\"port\":"
                             + (fake != null ? fake.port() : target.port()) + ",\"encoding\":\"" + target.encoding()
                             + "\",\"batchMaxEvents\":" + target.batchMaxEvents() + ",\"drainTimeoutMs\":0"
                             + ",\"outboxMax\":" + Math.max(100_000, window * 2) + "}]")))) {
            server.start();
            RoomRegistry registry = server.rooms();
            List<SilentPeer> peers = new ArrayList<>();
            for (int i = 0; i < rooms; i++) {
                SilentPeer p = new SilentPeer();
                registry.join(p, new ClientMessage.Join(null, "bench-" + i, "p" + i, null, null, null, null),
                        "user-" + i, ServerMessage.Grants.ALL);
                peers.add(p);
            }
            GateLink link = server.gates().get(0);
            BenchControl control = fake == null ? BenchControl.join(registry) : null;
            long setupEvents = 2L * rooms + (control == null ? 0 : 2);
            long setupDeadline = System.nanoTime() + 30_000_000_000L;
            while (peers.stream().anyMatch(p -> p.room == null) || link.state().ackedSeq() < setupEvents) {
                if (System.nanoTime() > setupDeadline) {
                    throw new IllegalStateException("the gate did not acknowledge the setup events within 30 s: "
                            + link.state());
                }
                Thread.sleep(10);
            }
            java.util.function.LongSupplier delivered = fake != null ? fake.received::get
                    : () -> link.ackedSeq() - setupEvents;
            String filler = "x".repeat(Math.max(0, payloadBytes));
            out.printf("skyrtc gate bench against %s: %d rooms, %d producers, %s, %s encoding (batches of <= %d), "
                            + "%d-byte payloads (%d cores, %s)%n",
                    fake != null ? "the IN-PROCESS FAKE gate (skyrtc's side alone, no skynet: an upper bound), acks every "
                            + ackEvery : "the real skynet node at " + target.host() + ":" + target.port() + " (rtc_sink)",
                    rooms, producers, rate == 0 ? "max rate, window " + window : rate + " events/s offered",
                    target.encoding(), target.batchMaxEvents(), payloadBytes,
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
            long warmupEnd = System.nanoTime() + 3_000_000_000L;
            long end = warmupEnd + seconds * 1_000_000_000L;
            List<Thread> threads = new ArrayList<>();
            long[] sent = new long[producers];
            for (int t = 0; t < producers; t++) {
                int me = t;
                List<SilentPeer> mine = new ArrayList<>();
                for (int i = t; i < rooms; i += producers) {
                    mine.add(peers.get(i));
                }
                Thread th = new Thread(() -> produce(registry, mine, delivered, sent, me, producers, rate, window, end,
                        filler), "bench-producer-" + t);
                th.start();
                threads.add(th);
            }
            while (System.nanoTime() < warmupEnd) {
                Thread.sleep(10);
            }
            if (fake != null) {
                fake.latency.getIntervalHistogram();
            } else {
                control.ask("reset");
            }
            long received0 = delivered.getAsLong(), cpu0 = Scenarios.processCpu(), t0 = System.nanoTime();
            for (Thread th : threads) {
                th.join();
            }
            long elapsed = System.nanoTime() - t0;
            long cpu = Scenarios.processCpu() - cpu0;
            if (fake != null) {
                long received = delivered.getAsLong() - received0;
                Histogram h = fake.latency.getIntervalHistogram();
                out.printf("  %,.0f events/s through the gate link (%,d in %.1f s)%n", received / (elapsed / 1e9),
                        received, elapsed / 1e9);
                out.printf("  latency p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms%n",
                        h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(99) / 1e6,
                        h.getValueAtPercentile(99.9) / 1e6, h.getMaxValue() / 1e6);
                out.printf("  CPU %.2f µs/event (skyrtc + fake gate, %.0f%% of one core)%n",
                        cpu / 1e3 / Math.max(1, received), cpu / 1e7 / (elapsed / 1e9));
            } else {
                long drainDeadline = System.nanoTime() + 60_000_000_000L;
                while (link.state().outboxDepth() > 0 && System.nanoTime() < drainDeadline) {
                    Thread.sleep(10);
                }
                long drainedAfter = System.nanoTime() - t0;
                var r = control.ask("report");
                long data = r.path("data").asLong();
                out.printf("  %,.0f events/s reached the Lua service: %,d peer.data events counted there, produced in "
                                + "%.1f s, all acknowledged after %.1f s (its own first-to-last span: %,d ms)%n",
                        data / (drainedAfter / 1e9), data, elapsed / 1e9, drainedAfter / 1e9,
                        r.path("span_ms").asLong());
                out.printf("  latency peer data -> Lua service: p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms%n",
                        r.path("p50_us").asLong() / 1e3, r.path("p99_us").asLong() / 1e3,
                        r.path("p999_us").asLong() / 1e3, r.path("max_us").asLong() / 1e3);
                out.printf("  skyrtc CPU %.2f µs/event (%.0f%% of one core; the node's CPU is not included)%n",
                        cpu / 1e3 / Math.max(1, data), cpu / 1e7 / (elapsed / 1e9));
            }
            var st = link.state();
            out.printf("  outbox depth %d, dropped %d, evicted unacknowledged %d, refused %d, reconnects %d%n",
                    st.outboxDepth(), st.dropped(), st.evictedUnacked(), st.refusedTooLarge(), st.reconnects());
        }
    }

    private static void produce(RoomRegistry registry, List<SilentPeer> mine, java.util.function.LongSupplier delivered,
                                long[] sent, int me, int producers, int rate, int window, long end, String filler) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        long start = System.nanoTime();
        double perNano = rate / 1e9 / producers;
        long n = 0;
        int next = 0;
        while (true) {
            long now = System.nanoTime();
            if (now >= end) {
                break;
            }
            if (rate > 0) {
                long due = (long) ((now - start) * perNano);
                if (n >= due) {
                    LockSupport.parkNanos(Math.min(200_000, (long) ((n + 1 - due) / perNano)));
                    continue;
                }
            } else if (totalSent(sent) - delivered.getAsLong() > window) {
                LockSupport.parkNanos(200_000);  // polling faster steals CPU from the node on a small box
                continue;
            }
            SilentPeer p = mine.get(next++ % mine.size());
            ObjectNode payload = f.objectNode().put("t", System.nanoTime());
            if (!filler.isEmpty()) {
                payload.put("f", filler);
            }
            registry.fromPeer(p.room, p, new ClientMessage.Data(null, Room.SERVER, payload));
            n++;
            sent[me] = n;  // a racy read by other producers is fine: it only paces the window
        }
    }

    private static long totalSent(long[] sent) {
        long s = 0;
        for (long v : sent) {
            s += v;
        }
        return s;
    }
}
