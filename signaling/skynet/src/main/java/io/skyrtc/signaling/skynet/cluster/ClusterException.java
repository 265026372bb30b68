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

    /** The ClusterException a failed future carries (unwrapping CompletionException), or UNAVAILABLE. */
    public static ClusterException of(Throwable error) {
        Throwable e = error;
        while ((e instanceof java.util.concurrent.CompletionException
                || e instanceof java.util.concurrent.ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e instanceof ClusterException ce ? ce : new ClusterException(Kind.UNAVAILABLE, e.toString());
    }

    public ClusterException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }
}
