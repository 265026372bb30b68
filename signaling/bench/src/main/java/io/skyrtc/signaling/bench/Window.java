package io.skyrtc.signaling.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One measured interval: the server's counters, this process's CPU and the machine's CPU ticks at both
 * ends. On a virtual machine the ticks include steal (time the hypervisor ran someone else while a vCPU
 * wanted to run), which shows up directly in tail latency, so every result reports it.
 */
final class Window {
    private static final Path PROC_STAT = Path.of("/proc/stat");

    record Result(double seconds, long relayed, long serverCpuNanos, long clientCpuNanos, double stealShare) {
        double serverMicrosPerMsg() {
            return serverCpuNanos / 1e3 / Math.max(1, relayed);
        }

        double clientMicrosPerMsg() {
            return clientCpuNanos / 1e3 / Math.max(1, relayed);
        }

        double serverCores() {
            return serverCpuNanos / 1e9 / seconds;
        }

        double clientCores() {
            return clientCpuNanos / 1e9 / seconds;
        }

        /** ", host steal N% of CPU time", or nothing where the machine does not report it. */
        String steal() {
            return stealText(stealShare);
        }
    }

    private final ServerProbe.Sample server0;
    private final long client0;
    private final long t0;
    private final long[] ticks0;

    private Window(ServerProbe.Sample server0, long client0, long t0, long[] ticks0) {
        this.server0 = server0;
        this.client0 = client0;
        this.t0 = t0;
        this.ticks0 = ticks0;
    }

    static Window start(ServerProbe probe) throws Exception {
        return new Window(probe.sample(), Scenarios.processCpu(), System.nanoTime(), cpuTicks());
    }

    Result end(ServerProbe probe) throws Exception {
        long t1 = System.nanoTime();
        long client1 = Scenarios.processCpu();
        ServerProbe.Sample s1 = probe.sample();
        return new Result((t1 - t0) / 1e9, s1.relayed() - server0.relayed(), s1.cpuNanos() - server0.cpuNanos(),
                client1 - client0, stealShare(ticks0, cpuTicks()));
    }

    /** Share of all CPU time the host stole between two {@link #cpuTicks} readings; -1 if unknown. */
    static double stealShare(long[] ticks0, long[] ticks1) {
        if (ticks0 == null || ticks1 == null || ticks1[1] <= ticks0[1]) {
            return -1;
        }
        return (double) (ticks1[0] - ticks0[0]) / (ticks1[1] - ticks0[1]);
    }

    /** ", host steal N% of CPU time" between two readings, or nothing where unknown. */
    static String steal(long[] ticks0, long[] ticks1) {
        return stealText(stealShare(ticks0, ticks1));
    }

    private static String stealText(double share) {
        return share < 0 ? "" : String.format(", host steal %.0f%% of CPU time", share * 100);
    }

    /** {steal, total} ticks of all CPUs from /proc/stat, or null off Linux (or on an old kernel). */
    static long[] cpuTicks() {
        try {
            String[] f = Files.readAllLines(PROC_STAT).get(0).trim().split("\\s+");
            if (!f[0].equals("cpu") || f.length < 9) {
                return null;
            }
            long total = 0;
            for (int i = 1; i < Math.min(f.length, 9); i++) { // guest time is already counted in user
                total += Long.parseLong(f[i]);
            }
            return new long[] {Long.parseLong(f[8]), total};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
