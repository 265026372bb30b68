package io.skyrtc.signaling.auth;

import io.skyrtc.signaling.limits.TokenBucket;
import java.util.List;

/**
 * Who an authenticated API call comes from: the key's name (for logs), its scopes, the longest token
 * lifetime it may ask for, and its own rate limit.
 */
public final class ApiPrincipal {
    private final String name;
    private final List<String> scopes;
    private final long maxTtlSeconds;
    private final TokenBucket bucket;

    /**
     * @param scopes        {@code *}, {@code room}, {@code agora}, {@code agora:APP}, {@code tencent}, {@code tencent:APP}
     * @param maxTtlSeconds 0 = no limit of its own
     */
    public ApiPrincipal(String name, List<String> scopes, long maxTtlSeconds, int ratePerMinute, int burst) {
        this.name = name;
        this.scopes = List.copyOf(scopes);
        this.maxTtlSeconds = maxTtlSeconds;
        this.bucket = new TokenBucket(ratePerMinute / 60.0, burst, System.nanoTime());
    }

    public String name() {
        return name;
    }

    /** True if one of the scopes covers {@code scope}; {@code agora} covers {@code agora:any}. */
    public boolean allows(String scope) {
        for (String s : scopes) {
            if (s.equals("*") || s.equals(scope) || scope.startsWith(s + ":")) {
                return true;
            }
        }
        return false;
    }

    /** True if some scope covers {@code vendor} or one of its apps ({@code vendor:APP}). */
    public boolean allowsSome(String vendor) {
        for (String s : scopes) {
            if (s.equals("*") || s.equals(vendor) || s.startsWith(vendor + ":")) {
                return true;
            }
        }
        return false;
    }

    public long maxTtlSeconds() {
        return maxTtlSeconds;
    }

    /** 0 if the call may proceed now (and takes a token); otherwise nanoseconds until it may. */
    public synchronized long admit(long nowNanos) {
        return bucket.tryTake(nowNanos) ? 0 : Math.max(1, bucket.nanosUntilAvailable(nowNanos));
    }

    @Override
    public String toString() {
        return "ApiPrincipal[" + name + "]";
    }
}
