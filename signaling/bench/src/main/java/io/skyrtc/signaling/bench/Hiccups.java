package io.skyrtc.signaling.bench;

import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * A hiccup meter (the idea of jHiccup): a thread in the load generator asks to sleep 1 ms, over and
 * over, and records how much later than asked it woke. It does no I/O and touches nothing the server
 * does, so its delays are what this machine does to any thread — host steal, the guest scheduler's
 * tick, this JVM's own pauses — and they bound from below what any latency measured here can be.
 * Costs one wake-up per millisecond.
 */
final class Hiccups implements AutoCloseable {
    private static final long SLEEP_NANOS = 1_000_000;
    private final Recorder recorder = new Recorder(3);
    private final Thread thread;
    private volatile boolean running = true;

    private Hiccups() {
        thread = new Thread(this::run, "bench-hiccups");
        thread.setDaemon(true);
    }

    static Hiccups start() {
        Hiccups h = new Hiccups();
        h.thread.start();
        return h;
    }

    private void run() {
        while (running) {
            long asked = System.nanoTime();
            LockSupport.parkNanos(SLEEP_NANOS);
            long late = System.nanoTime() - asked - SLEEP_NANOS;
            recorder.recordValue(Math.max(0, late) / 1000);
        }
    }

    /** Lateness in microseconds since the previous call (the first call: since start). */
    Histogram interval() {
        return recorder.getIntervalHistogram();
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
    }
}
