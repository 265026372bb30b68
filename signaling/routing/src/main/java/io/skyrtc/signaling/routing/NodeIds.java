package io.skyrtc.signaling.routing;

import io.skyrtc.signaling.room.Ids;

/** This node's name in a cluster: {@code server.nodeId}, or one made up at start (logged). */
public final class NodeIds {
    private NodeIds() {}

    /** The configured id, or {@code n-} and 8 random URL-safe characters when none is set. */
    public static String resolve(String configured) {
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        return "n-" + Ids.random(6);
    }
}
