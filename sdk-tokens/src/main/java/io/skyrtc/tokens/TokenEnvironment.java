package io.skyrtc.tokens;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.function.IntSupplier;

/**
 * Where builders take the time (issue timestamps) and randomness (salts) from. Production uses the
 * system UTC clock and a {@link SecureRandom}; tests inject fixed values to compare bytes.
 */
public record TokenEnvironment(Clock clock, IntSupplier salt) {
    private static final TokenEnvironment SYSTEM = new TokenEnvironment(Clock.systemUTC(), new SecureSalt());

    public TokenEnvironment {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(salt, "salt");
    }

    public static TokenEnvironment system() {
        return SYSTEM;
    }

    /** Fixed issue time and salt, for reproducible tokens. */
    public static TokenEnvironment fixed(long epochSeconds, int salt) {
        return new TokenEnvironment(Clock.fixed(java.time.Instant.ofEpochSecond(epochSeconds), java.time.ZoneOffset.UTC),
                () -> salt);
    }

    public long nowSeconds() {
        return Math.floorDiv(clock.millis(), 1000L);
    }

    /**
     * SecureRandom salts, drawn 128 at a time per thread: one nextBytes call costs about as much as a
     * whole token, and a per-call draw made salting the slowest step of minting.
     */
    private static final class SecureSalt implements IntSupplier {
        private final ThreadLocal<Batch> batch = ThreadLocal.withInitial(Batch::new);

        @Override
        public int getAsInt() {
            return batch.get().next();
        }

        private static final class Batch {
            private final SecureRandom random = new SecureRandom();
            private final java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(512);

            Batch() {
                bytes.position(bytes.limit());
            }

            int next() {
                if (!bytes.hasRemaining()) {
                    random.nextBytes(bytes.array());
                    bytes.clear();
                }
                return bytes.getInt();
            }
        }
    }
}
