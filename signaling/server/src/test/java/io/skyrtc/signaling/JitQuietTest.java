package io.skyrtc.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The warm-up's end: quiet JIT (true), or the time limit, a broken warm-up, no traffic (false). */
class JitQuietTest {
    static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    @Test
    void aJitThatCompilesLessThanTheShareUnderFlowingTrafficIsQuiet() throws Exception {
        long start = System.nanoTime();
        // this test JVM is idle apart from a sleeping thread: well under half of any half second compiling
        assertThat(JitQuiet.await(start, 60_000, 50, 500, 0.5, () -> true, () -> false)).isTrue();
        assertThat(millisSince(start)).isLessThan(60_000);
    }

    @Test
    void theTimeLimitEndsAWaitThatNeverSeesQuiet() throws Exception {
        long start = System.nanoTime();
        // a share of zero: no sample can be under it
        assertThat(JitQuiet.await(start, 1_000, 50, 100, 0.0, () -> true, () -> false)).isFalse();
        assertThat(millisSince(start)).isBetween(800L, 30_000L);
    }

    @Test
    void noTrafficOrABrokenWarmUpIsNotWarm() throws Exception {
        long start = System.nanoTime();
        assertThat(JitQuiet.await(start, 500, 50, 100, 0.5, () -> false, () -> false)).isFalse();
        assertThat(millisSince(start)).isBetween(400L, 30_000L);
        long again = System.nanoTime();
        assertThat(JitQuiet.await(again, 60_000, 50, 100, 0.5, () -> true, () -> true)).isFalse();
        assertThat(millisSince(again)).as("a broken warm-up ends the wait at once").isLessThan(30_000L);
    }

    @Test
    void quietIsLookedForOnlyAfterTheMinimumOfFlowingTraffic() throws Exception {
        long start = System.nanoTime();
        assertThat(JitQuiet.await(start, 60_000, 1_000, 100, 0.5, () -> true, () -> false)).isTrue();
        assertThat(millisSince(start)).isGreaterThanOrEqualTo(1_000L);
    }
}
