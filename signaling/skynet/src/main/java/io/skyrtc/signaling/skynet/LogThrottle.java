package io.skyrtc.signaling.skynet;

/**
 * At most one log line per interval for something that can happen thousands of times a second: the
 * first occurrence is logged at once, later ones are counted and summed up in the next line.
 */
public final class LogThrottle {
    private final long intervalNanos;
    private long lastLogged;
    private boolean logged;
    private long suppressed;

    public LogThrottle(long intervalMs) {
        this.intervalNanos = intervalMs * 1_000_000;
    }

    /** -1: stay quiet (counted); else log now, with this many occurrences since the last line. */
    public synchronized long occurred() {
        long now = System.nanoTime();
        suppressed++;
        if (logged && now - lastLogged < intervalNanos) {
            return -1;
        }
        logged = true;
        lastLogged = now;
        long n = suppressed;
        suppressed = 0;
        return n;
    }
}
