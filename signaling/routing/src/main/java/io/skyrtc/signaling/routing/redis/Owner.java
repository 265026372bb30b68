package io.skyrtc.signaling.routing.redis;

/** A room lease's holder, as stored in Redis: {@code node|fence}. */
record Owner(String node, long fence, String value) {

    static Owner parse(String value) {
        int bar = value.lastIndexOf('|');
        if (bar <= 0) {
            throw new IllegalArgumentException("not a lease value: " + value);
        }
        return new Owner(value.substring(0, bar), Long.parseLong(value.substring(bar + 1)), value);
    }
}
