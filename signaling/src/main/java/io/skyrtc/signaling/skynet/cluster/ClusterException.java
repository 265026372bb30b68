package io.skyrtc.signaling.skynet.cluster;

/** A cluster call that did not return a result, and why. */
public final class ClusterException extends RuntimeException {
    public enum Kind {
        /** The remote node answered with an error packet; the message is its text. */
        REMOTE,
        /** The node is absent from the cluster config, marked down, unreachable, or the connection dropped. */
        UNAVAILABLE,
        /** No answer within the caller's timeout. */
        TIMEOUT
    }

    public final Kind kind;

    public ClusterException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }
}
