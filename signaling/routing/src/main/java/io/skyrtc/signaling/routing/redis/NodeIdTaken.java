package io.skyrtc.signaling.routing.redis;

/**
 * Another running node holds this node's {@code server.nodeId} in Redis: a configuration error, the node
 * does not start (docs/SCALING.md, "Node ids").
 */
public final class NodeIdTaken extends IllegalStateException {
    public NodeIdTaken(String nodeId, String key, String holder, long waitedMs) {
        super("server.nodeId " + nodeId + " is in use by another running node (Redis key " + key + " = " + holder
                + ", still renewed after waiting " + waitedMs + " ms for it to expire); give each node its own"
                + " server.nodeId, or leave it empty for a generated one");
    }
}
