package io.skyrtc.signaling.routing.redis;

/** The watchdog's timing for a lease of {@code redis.leaseMs}, also checked by the configuration. */
public final class LeaseTiming {
    private LeaseTiming() {}

    /** How often leases are renewed: min(250, leaseMs/6) ms, at least 50. */
    public static long tickMs(long leaseMs) {
        return Math.max(50, Math.min(250, leaseMs / 6));
    }

    /**
     * The longest {@code redis.timeoutMs} for this lease: while Redis does not answer, each tick waits up to the
     * timeout and the next starts a tick later; it must start before the deadline the previous one set (its start
     * plus the lease minus a tick, {@link LeaseClock}), or a plain outage would count as a frozen process.
     */
    public static long maxTimeoutMs(long leaseMs) {
        return leaseMs - 2 * tickMs(leaseMs) - 1;
    }
}
