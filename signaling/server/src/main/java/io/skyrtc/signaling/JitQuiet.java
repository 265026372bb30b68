package io.skyrtc.signaling;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * When {@link StartupWarmUp} may stop: once the JIT has gone quiet under its traffic. A fixed time was
 * too short on a slow or busy machine (a few dozen joins, so a fresh node's first real joins paid for
 * compiling the upgrade path: C2 took half its CPU) and longer than needed on a fast one. The compiler
 * threads' CPU time ({@link JitThreads}, from /proc; elsewhere the JVM's compile time, which grows only
 * as compilations end), sampled while the traffic runs, tells: when it grows by less than a small share
 * of the wall time, the paths the traffic drives are compiled.
 */
final class JitQuiet {
    private JitQuiet() {}

    /**
     * Blocks until the JIT is quiet: traffic has flowed ({@code flowing}) for {@code minMillis}, then a
     * sample of {@code sampleMillis} saw the JIT compile for less than {@code share} of it. Returns false
     * when {@code maxMillis} from {@code startedNanos} ran out first, when {@code broken} turned true, or when
     * this JVM does not measure compile time (then it waits out {@code maxMillis}).
     */
    static boolean await(long startedNanos, long maxMillis, long minMillis, long sampleMillis, double share,
                         BooleanSupplier flowing, BooleanSupplier broken) throws InterruptedException {
        long deadline = startedNanos + maxMillis * 1_000_000L;
        while (!flowing.getAsBoolean()) {
            if (broken.getAsBoolean() || !sleepUntilBefore(deadline, 10)) {
                return false;
            }
        }
        long lookFrom = System.nanoTime() + minMillis * 1_000_000L;
        while (System.nanoTime() - lookFrom < 0) {
            if (broken.getAsBoolean() || !sleepUntilBefore(deadline, Math.min(50, minMillis))) {
                return false;
            }
        }
        LongSupplier busyMillis = busyMillis();
        boolean measured = busyMillis != null;
        long last = measured ? busyMillis.getAsLong() : 0;
        while (!broken.getAsBoolean()) {
            if (!sleepUntilBefore(deadline, sampleMillis)) {
                return false;
            }
            if (measured) {
                long now = busyMillis.getAsLong();
                if (now - last < share * sampleMillis) {
                    return true;
                }
                last = now;
            }
        }
        return false;
    }

    /** The compiler threads' CPU in ms, else the JVM's compile time in ms; null when neither is measured. */
    private static LongSupplier busyMillis() {
        JitThreads threads = JitThreads.self();
        if (threads != null && threads.cpuNanos() >= 0) {
            return () -> threads.cpuNanos() / 1_000_000;
        }
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit::getTotalCompilationTime : null;
    }

    /** Sleeps {@code millis} if that ends before {@code deadline}; false (without sleeping) if it would not. */
    private static boolean sleepUntilBefore(long deadline, long millis) throws InterruptedException {
        if (System.nanoTime() + millis * 1_000_000L - deadline > 0) {
            return false;
        }
        Thread.sleep(millis);
        return true;
    }
}
