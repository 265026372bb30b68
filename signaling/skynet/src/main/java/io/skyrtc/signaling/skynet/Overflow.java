package io.skyrtc.signaling.skynet;

import java.util.Locale;

/** What an outbox does when it is full ({@code overflow} of a gate or of the cluster's events). */
public enum Overflow {
    /** the oldest unacknowledged event is dropped to make room (the core sees a seq gap) */
    DROP_OLDEST,
    /** the new event is refused */
    DROP_NEWEST;

    /** The config spelling, {@code drop-oldest} or {@code drop-newest}; null for anything else. */
    public static Overflow parse(String value) {
        for (Overflow o : values()) {
            if (o.toString().equals(value)) {
                return o;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
