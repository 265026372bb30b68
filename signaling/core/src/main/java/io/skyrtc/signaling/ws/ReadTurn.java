package io.skyrtc.signaling.ws;

/**
 * How long the current thread has been reading one connection. Reads run on the selector thread
 * that many connections share ({@link BatchingConnector}), and Jetty keeps parsing a connection for as
 * long as its handler demands more and bytes are there; a client that sends frames as fast as the
 * network allows would keep the selector to itself. After {@link #MAX_FRAMES} frames or
 * {@link #MAX_NANOS} of one connection, {@link SignalingSocket} hands the thread back and resumes that
 * connection from the worker pool, so the others on the selector get read in between.
 */
final class ReadTurn {
    /** Frames one connection may have in a row: a legitimate burst (a whole trickle of candidates) fits. */
    static final int MAX_FRAMES = 64;
    /** Time one connection may hold the thread in a row. */
    static final long MAX_NANOS = 500_000;

    private static final ThreadLocal<ReadTurn> CURRENT = ThreadLocal.withInitial(ReadTurn::new);

    private Object owner;
    private int frames;
    private long start;

    static ReadTurn current() {
        return CURRENT.get();
    }

    /**
     * Counts one frame of {@code connection}; false when the connection has had its turn (the turn is
     * then over, and the next frame starts a new one).
     */
    boolean spend(Object connection, long now) {
        if (owner != connection) {
            owner = connection;
            frames = 0;
            start = now;
        }
        if (++frames >= MAX_FRAMES || now - start >= MAX_NANOS) {
            end();
            return false;
        }
        return true;
    }

    /** The thread stopped reading (the socket was empty, or the connection handed it back). */
    void end() {
        owner = null;
    }
}
