package io.skyrtc.signaling.ops;

/**
 * Whether this node takes new joins, for {@code GET /readyz}: not before start-up finished, not while
 * draining or shutting down. One volatile field; whoever changes the node's state sets it.
 */
public final class Readiness {
    /** null = ready; otherwise why not (starting, draining, shutting-down). */
    private volatile String notReadyBecause = "starting";

    public void ready() {
        notReadyBecause = null;
    }

    public void notReady(String reason) {
        notReadyBecause = reason;
    }

    public boolean isReady() {
        return notReadyBecause == null;
    }

    /** null when ready. */
    public String reason() {
        return notReadyBecause;
    }
}
