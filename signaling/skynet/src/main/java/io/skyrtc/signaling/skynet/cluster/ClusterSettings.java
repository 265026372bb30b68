package io.skyrtc.signaling.skynet.cluster;

import io.skyrtc.signaling.skynet.Overflow;
import java.util.Map;

/**
 * skyrtc as a node of a skynet cluster ({@code actorCore.cluster}, docs/CONFIG.md and docs/ACTOR-CORE.md).
 *
 * @param listen           "host:port" skynet nodes connect to for commands (null = no cluster port)
 * @param register         the name commands are served under
 * @param nodes            cluster names → "host:port" (or "false" = down)
 * @param nodesFile        a skynet cluster config file (Lua) read on top of {@code nodes}; null = none
 * @param reloadIntervalMs how often nodesFile is checked for changes (0 = never)
 * @param eventsNode       the node room events are called to (null = no events over the cluster)
 * @param eventsAddress    the service on eventsNode
 * @param window           event calls in flight at once
 * @param outboxMax        unacknowledged events kept for re-sending
 * @param callTimeoutMs    an event call without an answer by then counts as lost
 * @param connectTimeoutMs TCP connect timeout to a node
 * @param maxMessageBytes  largest message body accepted or sent
 * @param maxConnections   connections skynet nodes may open to the cluster port at once
 * @param reconnectMinMs   first retry delay, doubling with jitter up to reconnectMaxMs
 * @param batchMax         events one call may carry
 */
public record ClusterSettings(String listen, String register, Map<String, String> nodes, String nodesFile,
                              long reloadIntervalMs, String eventsNode, String eventsAddress, int window,
                              int outboxMax, Overflow overflow, long callTimeoutMs, long connectTimeoutMs,
                              int maxMessageBytes, int maxConnections, long reconnectMinMs, long reconnectMaxMs,
                              int batchMax) {
    public ClusterSettings {
        nodes = nodes == null ? Map.of() : Map.copyOf(nodes);
    }
}
