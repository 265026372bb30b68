package io.skyrtc.signaling.limits;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * One {@link TokenBucket} per key (a client address, a token identity), for callers that have no
 * API key of their own. Memory is bounded: at most {@code maxKeys} buckets plus one overflow bucket;
 * when full, buckets idle long enough to have refilled are dropped (they hold nothing), and if none
 * is, new keys share the overflow bucket rather than growing the map. Thread-safe.
 */
public final class KeyedRateLimiter {
    public static final int DEFAULT_MAX_KEYS = 100_000;
    static final String OVERFLOW = "\0overflow";

    private record Entry(TokenBucket bucket, long[] lastUse) {}

    private final double perSecond;
    private final int burst;
    private final int maxKeys;
    private final long refillNanos;
    private final Map<String, Entry> buckets = new HashMap<>();
    private long lastSweep;

    public KeyedRateLimiter(int perMinute, int burst, int maxKeys) {
        if (perMinute < 1 || burst < 1 || maxKeys < 1) {
            throw new IllegalArgumentException("perMinute, burst and maxKeys must be positive");
        }
        this.perSecond = perMinute / 60.0;
        this.burst = burst;
        this.maxKeys = maxKeys;
        this.refillNanos = (long) Math.ceil(burst / perSecond * 1e9);
    }

    /** 0 if {@code key} may proceed now (and takes a token); otherwise nanoseconds until it may. */
    public synchronized long admit(String key, long nowNanos) {
        TokenBucket b = bucket(key, nowNanos);
        return b.tryTake(nowNanos) ? 0 : Math.max(1, b.nanosUntilAvailable(nowNanos));
    }

    /** Nanoseconds until {@code key} has a token again (0 = it has one); takes nothing. */
    public synchronized long blockedFor(String key, long nowNanos) {
        Entry e = buckets.get(key);
        if (e == null && buckets.size() >= maxKeys) {
            e = buckets.get(OVERFLOW);  // where this key's events are counted while the map is full
        }
        return e == null ? 0 : e.bucket().nanosUntilAvailable(nowNanos);  // unknown = a full bucket
    }

    /** Spends one token of {@code key} if it has one (an event that counts against it, such as a 401). */
    public synchronized void charge(String key, long nowNanos) {
        bucket(key, nowNanos).tryTake(nowNanos);
    }

    /**
     * The key of a client address: the address itself for IPv4, its /64 for IPv6 (one subscriber gets a
     * whole /64 and could otherwise rotate through it).
     */
    public static String addressKey(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length == 16) {
            return String.format("%02x%02x:%02x%02x:%02x%02x:%02x%02x::/64", b[0], b[1], b[2], b[3], b[4], b[5],
                    b[6], b[7]);
        }
        return address.getHostAddress();
    }

    synchronized int size() {
        return buckets.size();
    }

    private TokenBucket bucket(String key, long now) {
        Entry e = buckets.get(key);
        if (e == null) {
            if (buckets.size() >= maxKeys) {
                sweep(now);
            }
            String k = buckets.size() >= maxKeys ? OVERFLOW : key;
            e = buckets.get(k);
            if (e == null) {
                e = new Entry(new TokenBucket(perSecond, burst, now), new long[1]);
                buckets.put(k, e);
            }
        }
        e.lastUse()[0] = now;
        return e.bucket();
    }

    /** Drops buckets idle for a full refill (at most once per refill period, so a full map stays O(1)). */
    private void sweep(long now) {
        if (now - lastSweep < Math.min(refillNanos, 1_000_000_000L) && lastSweep != 0) {
            return;
        }
        lastSweep = now;
        for (Iterator<Entry> it = buckets.values().iterator(); it.hasNext(); ) {
            if (now - it.next().lastUse()[0] >= refillNanos) {
                it.remove();
            }
        }
    }
}
