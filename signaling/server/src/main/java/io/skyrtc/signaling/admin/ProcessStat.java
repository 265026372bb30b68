package io.skyrtc.signaling.admin;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;

/** The process line of {@code admin stat}: what skynet's {@code mem} and {@code netstat} tell an operator. */
public record ProcessStat(long uptimeMs, long cpuMs, long heapUsedBytes, long heapMaxBytes, long rssBytes, int threads,
                          long openFds, long maxFds) {

    public static ProcessStat now() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        long cpu = os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() / 1_000_000 : -1;
        long open = -1;
        long max = -1;
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            open = unix.getOpenFileDescriptorCount();
            max = unix.getMaxFileDescriptorCount();
        }
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return new ProcessStat(ManagementFactory.getRuntimeMXBean().getUptime(), cpu, heap.getUsed(), heap.getMax(),
                readRss(), ManagementFactory.getThreadMXBean().getThreadCount(), open, max);
    }

    /** Resident set size from /proc (Linux); -1 elsewhere. */
    static long readRss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
