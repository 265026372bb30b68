package io.skyrtc.signaling.bench;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Collects a latency recorder in tenth-of-a-second slices and sorts each slice by whether the host
 * stole CPU from this machine during it. The whole is the result; the quiet part is a diagnostic that
 * tells server delays apart from a virtual machine's (see README, "Reading the latency figures").
 * A slice is quiet only when the slice before it was too: messages held up by a stolen stretch are
 * received, and recorded, after it, and they are the host's delay, not the server's. The first slice
 * has no known predecessor and is never quiet.
 */
final class StealSplit {
    private final Histogram all = new Histogram(3);
    private final Histogram quiet = new Histogram(3);
    private int tenths;
    private int quietTenths;
    private boolean previousStolen = true;

    StealSplit() {}

    /** Runs for {@code millis} (whole tenths), slicing what {@code recorder} gets. */
    static StealSplit record(Recorder recorder, long millis) throws InterruptedException {
        StealSplit split = new StealSplit();
        long start = System.nanoTime();
        long[] before = Window.cpuTicks();
        Histogram slice = null;
        for (int i = 1; i <= millis / 100; i++) {
            long due = start + i * 100_000_000L;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            slice = recorder.getIntervalHistogram(slice);
            long[] after = Window.cpuTicks();
            split.add(slice, before == null || after == null || after[0] > before[0]);
            before = after;
        }
        return split;
    }

    /** One slice, and whether the host stole CPU time during it. */
    void add(Histogram slice, boolean stolen) {
        all.add(slice);
        tenths++;
        if (!stolen && !previousStolen) {
            quiet.add(slice);
            quietTenths++;
        }
        previousStolen = stolen;
    }

    Histogram all() {
        return all;
    }

    Histogram quiet() {
        return quiet;
    }

    int tenths() {
        return tenths;
    }

    int quietTenths() {
        return quietTenths;
    }
}
