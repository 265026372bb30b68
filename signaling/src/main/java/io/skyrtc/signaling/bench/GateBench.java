package io.skyrtc.signaling.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.skyrtc.signaling.SkyrtcServer;
import io.skyrtc.signaling.config.ConfigLoader;
import io.skyrtc.signaling.protocol.ClientMessage;
import io.skyrtc.signaling.protocol.ServerMessage;
import io.skyrtc.signaling.room.PeerLink;
import io.skyrtc.signaling.room.Room;
import io.skyrtc.signaling.room.RoomRegistry;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Events per second through the actor-core TCP gate link, with acks, and event latency (room action
 * → event decoded by the gate). The action is a peer's {@code data} to "server" handed to its room
 * actor, as the WebSocket gate would; rooms, event bus, outbox and link are the real ones, and the
 * gate end decodes every event like rtc_agent does. Everything runs in this process, so the CPU
 * figure covers skyrtc and the gate together.
 */
public final class GateBench {
    /** A connection that is never written to: the benchmark measures the path to the actor core. */
    private static final class SilentPeer implements PeerLink {
        volatile Room room;

        @Override
        public void send(byte[] frame) {}

        @Override
        public void close(int code, String reason) {}

        @Override
        public void attached(Room room, String peerId) {
            this.room = room;
        }

        @Override
        public void joinRejected(Room room) {}
    }

    private final PrintStream out;

    public GateBench(PrintStream out) {
        this.out = out;
    }

    /**
     * @param rate      events/s offered (open loop); 0 = as fast as the link takes them (closed loop,
     *                  at most {@code window} events in flight)
     */
    public void run(int rooms, int producers, int seconds, int rate, int window, int ackEvery, int payloadBytes)
            throws Exception {
        try (BenchGate gate = new BenchGate(ackEvery);
             SkyrtcServer server = new SkyrtcServer(ConfigLoader.load(null, Map.of(
                     "SKYRTC_SERVER_DEV", "true", "SKYRTC_SERVER_PORT", "0",
                     "SKYRTC_ROOMS_MAX_PEERS_PER_ROOM", "2",
                     "SKYRTC_ACTOR_CORE_GATES", "[{\"name\":\"bench\",\"host\":\"127.0.0.1\",\"port\":" + gate.port()
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
            while (peers.stream().anyMatch(p -> p.room == null) || server.gates().get(0).state().ackedSeq() < 2L * rooms) {
                Thread.sleep(10);
            }
            String filler = "x".repeat(Math.max(0, payloadBytes));
            out.printf("skyrtc gate bench: %d rooms, %d producers, %s, acks every %d, %d-byte payloads (%d cores, %s)%n",
                    rooms, producers, rate == 0 ? "max rate, window " + window : rate + " events/s offered",
                    ackEvery, payloadBytes, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
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
                Thread th = new Thread(() -> produce(registry, mine, gate, sent, me, producers, rate, window, end, filler),
                        "bench-producer-" + t);
                th.start();
                threads.add(th);
            }
            while (System.nanoTime() < warmupEnd) {
                Thread.sleep(10);
            }
            gate.latency.getIntervalHistogram();
            long received0 = gate.received.get(), cpu0 = Scenarios.processCpu(), t0 = System.nanoTime();
            for (Thread th : threads) {
                th.join();
            }
            long elapsed = System.nanoTime() - t0;
            long received = gate.received.get() - received0;
            long cpu = Scenarios.processCpu() - cpu0;
            Histogram h = gate.latency.getIntervalHistogram();
            var st = server.gates().get(0).state();
            out.printf("  %,.0f events/s through the gate link (%,d in %.1f s)%n", received / (elapsed / 1e9), received,
                    elapsed / 1e9);
            out.printf("  latency p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms%n", h.getValueAtPercentile(50) / 1e6,
                    h.getValueAtPercentile(99) / 1e6, h.getValueAtPercentile(99.9) / 1e6, h.getMaxValue() / 1e6);
            out.printf("  CPU %.2f µs/event (skyrtc + gate, %.0f%% of one core); outbox depth %d, dropped %d, refused %d%n",
                    cpu / 1e3 / Math.max(1, received), cpu / 1e7 / (elapsed / 1e9), st.outboxDepth(), st.dropped(),
                    st.refusedTooLarge());
        }
    }

    private static void produce(RoomRegistry registry, List<SilentPeer> mine, BenchGate gate, long[] sent, int me,
                                int producers, int rate, int window, long end, String filler) {
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
            } else if (totalSent(sent) - gate.received.get() > window) {
                LockSupport.parkNanos(20_000);
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
