package io.skyrtc.signaling.http;

import io.skyrtc.signaling.metrics.SignalingMetrics;
import io.skyrtc.signaling.room.RoomRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /healthz}: 200 while serving, with details. Process CPU time, RSS and the relay
 * counter are here so the load tool can compute CPU per message and memory per connection
 * from outside the process.
 */
public final class Health implements HttpEndpoint {
    private final RoomRegistry rooms;
    private final SignalingMetrics metrics;
    private final boolean dev;
    private final long startedAt = System.currentTimeMillis();
    private final java.util.function.Supplier<List<?>> gates;
    private final java.util.function.Supplier<Object> cluster;

    public Health(RoomRegistry rooms, SignalingMetrics metrics, boolean dev) {
        this(rooms, metrics, dev, List::of, () -> null);
    }

    /**
     * @param gates   the actor-core links' states (up/down, outbox depth, oldest unacked age, drops)
     * @param cluster the skynet cluster node's state, or null when it is off
     */
    public Health(RoomRegistry rooms, SignalingMetrics metrics, boolean dev, java.util.function.Supplier<List<?>> gates,
                  java.util.function.Supplier<Object> cluster) {
        this.rooms = rooms;
        this.metrics = metrics;
        this.dev = dev;
        this.gates = gates;
        this.cluster = cluster;
    }

    /** Multi-node mode: this node's id, Redis state and the rooms it owns, under {@code multiNode}. */
    private volatile java.util.function.Supplier<Object> multiNode = () -> null;

    public Health withMultiNode(java.util.function.Supplier<Object> state) {
        this.multiNode = state;
        return this;
    }

    @Override
    public Object handle(HttpCall call) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "ok");
        body.put("mode", dev ? "dev" : "production");
        body.put("uptimeMs", System.currentTimeMillis() - startedAt);
        body.put("rooms", rooms.roomCount());
        body.put("connections", metrics.connections.get());
        body.put("relayed", metrics.messages.relayedCount());
        body.put("joins", (long) metrics.joins.count());
        Map<String, Object> process = new LinkedHashMap<>();
        process.put("cpuNanos", processCpuNanos());
        process.put("rssBytes", rssBytes());
        process.put("heapUsedBytes", Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory());
        body.put("process", process);
        body.put("actorCore", gates.get());
        Object c = cluster.get();
        if (c != null) {
            body.put("cluster", c);
        }
        Object m = multiNode.get();
        if (m != null) {
            body.put("multiNode", m);
        }
        return body;
    }

    /** CPU time of this JVM so far in nanoseconds, -1 where the JDK does not tell. */
    public static long processCpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return -1;
    }

    /** Resident set size from /proc (Linux); -1 elsewhere. */
    static long rssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
