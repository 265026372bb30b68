package io.skyrtc.signaling.ws;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/** Open connections per client address, at most {@code limits.maxConnectionsPerIp} each. */
final class ConnectionsPerAddress {
    /** A reload may change it; connections already open stay (a lower bound only refuses new ones). */
    private volatile int max;
    private final ConcurrentHashMap<String, Integer> open = new ConcurrentHashMap<>();

    ConnectionsPerAddress(int max) {
        this.max = max;
    }

    void setMax(int max) {
        this.max = max;
    }

    /** A place for one more connection from {@code address}, or null when it has {@code max} already. */
    Reservation tryReserve(String address) {
        boolean[] got = {false};
        open.compute(address, (a, n) -> {
            int count = n == null ? 0 : n;
            if (count >= max) {
                return n;
            }
            got[0] = true;
            return count + 1;
        });
        return got[0] ? new Reservation(address) : null;
    }

    int count(String address) {
        return open.getOrDefault(address, 0);
    }

    /** One connection's place; released once, however many times it is let go. */
    final class Reservation {
        private final String address;
        private final AtomicBoolean released = new AtomicBoolean();

        private Reservation(String address) {
            this.address = address;
        }

        void release() {
            if (released.compareAndSet(false, true)) {
                open.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
            }
        }
    }
}
