package io.skyrtc.signaling.http;

/**
 * An HTTP API failure: status, a stable machine code, a message, and for 400s the offending
 * field. Rendered as {@code {"error":{"code","message","field"}}} (see docs/API.md).
 */
public final class HttpError extends Exception {
    private final int status;
    private final String code;
    private final String field;
    private final Long retryAfterSeconds;

    public HttpError(int status, String code, String message, String field, Long retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.field = field;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static HttpError badRequest(String field, String message) {
        return new HttpError(400, "invalid-field", field + ": " + message, field, null);
    }

    public static HttpError unauthorized() {
        return new HttpError(401, "unauthorized", "missing or unknown API key (Authorization: Bearer <key>)",
                null, null);
    }

    /** 429 for an API key whose rate limit is exhausted; Retry-After rounds the wait up to whole seconds. */
    public static HttpError rateLimited(long waitNanos) {
        long seconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
        return new HttpError(429, "rate-limited", "too many requests for this API key; retry after " + seconds + " s",
                null, seconds);
    }

    /** 429 for a client address that failed to authenticate too often; no key or token was checked. */
    public static HttpError tooManyFailures(long waitNanos) {
        long seconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
        return new HttpError(429, "rate-limited", "too many failed authentications from this address; retry after "
                + seconds + " s", null, seconds);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }

    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
