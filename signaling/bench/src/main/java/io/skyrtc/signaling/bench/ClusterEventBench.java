package io.skyrtc.signaling.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.skyrtc.signaling.SkyrtcServer;
import io.skyrtc.signaling.config.ConfigLoader;
import io.skyrtc.signaling.protocol.ClientMessage;
import io.skyrtc.signaling.protocol.ServerMessage;
import io.skyrtc.signaling.room.Room;
import io.skyrtc.signaling.room.RoomRegistry;
import io.skyrtc.signaling.skynet.cluster.ClusterEventLink;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Room events per second over the cluster path into a real skynet node: real rooms, event bus, outbox
 * and cluster link in this process, as GateBench does for the gate; the node at {@code host:port} runs
 * the receiver (compose/skynet/service/rtc_cluster.lua) under {@code .rtc_cluster}. Counts what the
 * node acknowledged; the node's own service counts what it got. Not part of the CLI:
 * {@code java -cp skyrtc-bench.jar io.skyrtc.signaling.bench.ClusterEventBench HOST:PORT SECONDS [ROOMS] [WINDOW]
 * [BATCH_MAX]}.
 */
public final class ClusterEventBench {
    public static void main(String[] args) throws Exception {
        String node = args[0];
        int seconds = Integer.parseInt(args[1]);
        int rooms = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        int window = args.length > 3 ? Integer.parseInt(args[3]) : 20_000;
        String batchMax = args.length > 4 ? args[4] : "64";
        try (SkyrtcServer server = new SkyrtcServer(ConfigLoader.load(null, Map.of(
                "SKYRTC_SERVER_DEV", "true", "SKYRTC_SERVER_PORT", "0", "SKYRTC_ROOMS_MAX_PEERS_PER_ROOM", "2",
                "SKYRTC_ACTOR_CORE_NODE", "rtc",
                "SKYRTC_ACTOR_CORE_CLUSTER_NODES", "game=" + node,
                "SKYRTC_ACTOR_CORE_CLUSTER_EVENTS_NODE", "game",
                "SKYRTC_ACTOR_CORE_CLUSTER_BATCH_MAX", batchMax)))) {
            server.start();
            RoomRegistry registry = server.rooms();
            ClusterEventLink link = server.cluster().events();
            List<SilentPeer> peers = new ArrayList<>();
            for (int i = 0; i < rooms; i++) {
                SilentPeer p = new SilentPeer();
                registry.join(p, new ClientMessage.Join(null, "bench-" + i, "p" + i, null, null, null, null),
                        "user-" + i, ServerMessage.Grants.ALL);
                peers.add(p);
            }
            while (peers.stream().anyMatch(p -> p.room == null) || link.state().ackedSeq() < 2L * rooms) {
                Thread.sleep(10);
            }
            JsonNodeFactory f = JsonNodeFactory.instance;
            long warm = System.nanoTime() + 3_000_000_000L;
            long end = warm + seconds * 1_000_000_000L;
            long acked0 = -1, cpu0 = 0, t0 = 0, calls0 = 0;
            long sent = 2L * rooms;
            int next = 0;
            while (true) {
                long now = System.nanoTime();
                if (acked0 < 0 && now >= warm) {
                    acked0 = link.state().ackedSeq();
                    calls0 = link.state().calls();
                    cpu0 = Scenarios.processCpu();
                    t0 = now;
                }
                if (now >= end) {
                    break;
                }
                if (sent - link.state().ackedSeq() > window) {
                    LockSupport.parkNanos(50_000);
                    continue;
                }
                SilentPeer p = peers.get(next++ % peers.size());
                registry.fromPeer(p.room, p, new ClientMessage.Data(null, Room.SERVER, f.objectNode().put("t", now)));
                sent++;
            }
            var st = link.state();
            long acked = st.ackedSeq() - acked0;
            double elapsed = (System.nanoTime() - t0) / 1e9;
            long cpu = Scenarios.processCpu() - cpu0;
            System.out.printf("cluster events into %s: %,.0f events/s acknowledged (%,d in %.1f s), %,d calls "
                            + "(%.1f events/call), skyrtc CPU %.2f us/event; dropped %d, failed %d, batches %s%n",
                    node, acked / elapsed, acked, elapsed, st.calls() - calls0,
                    acked / (double) Math.max(1, st.calls() - calls0), cpu / 1e3 / Math.max(1, acked), st.dropped(),
                    st.failed(), st.batches());
            System.out.printf("last seq %d, acknowledged %d%n", sent, st.ackedSeq());
        }
    }
}
