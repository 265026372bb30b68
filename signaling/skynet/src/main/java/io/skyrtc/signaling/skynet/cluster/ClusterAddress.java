package io.skyrtc.signaling.skynet.cluster;

import java.nio.charset.StandardCharsets;

/**
 * Where a cluster request goes on the receiving node: a numeric service handle (0 = cluster.query),
 * or a name of 1..255 bytes with its prefix ({@code @name} registered with cluster.register,
 * {@code .name} a local service, {@code :0000000a} a handle in hex).
 */
public sealed interface ClusterAddress {
    /** A service handle, an unsigned 32-bit number on the wire. */
    record Handle(long value) implements ClusterAddress {
        public Handle {
            if (value < 0 || value > 0xffff_ffffL) {
                throw new IllegalArgumentException("a handle is an unsigned 32-bit number: " + value);
            }
        }

        @Override
        public String toString() {
            return Long.toString(value);
        }
    }

    /** A name as sent on the wire, prefix included. */
    record Name(String name) implements ClusterAddress {
        public Name {
            int n = name.getBytes(StandardCharsets.UTF_8).length;
            if (n < 1 || n > 255) {
                throw new IllegalArgumentException("a cluster address name is 1..255 bytes, got " + n + ": " + name);
            }
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** The address cluster.query uses. */
    Handle QUERY = new Handle(0);

    /** "123" → a handle (as skynet turns numeric strings into numbers), anything else → a name. */
    static ClusterAddress parse(String text) {
        if (!text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9') && text.length() <= 10) {
            return new Handle(Long.parseLong(text));
        }
        return new Name(text);
    }
}
