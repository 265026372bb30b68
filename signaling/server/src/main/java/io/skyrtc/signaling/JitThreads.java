package io.skyrtc.signaling;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of a process's JIT compiler threads ("C1/C2 CompilerThreadN"), from /proc. On a fresh
 * process most of a join's server CPU can be the compiler's (it compiles the upgrade and join path as
 * the first clients arrive): the bench's join scenarios print that share apart from the rest, and the
 * start-up warm-up ends when it has gone quiet ({@link JitQuiet}).
 */
public final class JitThreads {
    /** Linux's USER_HZ: /proc's per-thread times are in these ticks. */
    private static final long TICK_NANOS = 10_000_000L;
    private final Path tasks;

    private JitThreads(long pid) {
        this.tasks = Path.of("/proc", Long.toString(pid), "task");
    }

    /** This process's compiler threads, or null off Linux (no /proc). */
    public static JitThreads self() {
        return of(ProcessHandle.current().pid());
    }

    /** Reads {@code pid}'s threads, or null off Linux (no /proc) or when there is no spawned server. */
    public static JitThreads of(long pid) {
        return pid > 0 && Files.isDirectory(Path.of("/proc", Long.toString(pid), "task")) ? new JitThreads(pid) : null;
    }

    /** User + system CPU of the compiler threads so far, in nanoseconds; -1 if it could not be read. */
    public long cpuNanos() {
        long ticks = 0;
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
            for (Path t : threads) {
                try {
                    if (Files.readString(t.resolve("comm")).startsWith("C")
                            && Files.readString(t.resolve("comm")).contains("CompilerThre")) {
                        ticks += cpuTicks(Files.readString(t.resolve("stat")));
                    }
                } catch (IOException e) {
                    // the thread ended between the listing and the read: its time is gone with it
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return ticks * TICK_NANOS;
    }

    /** utime + stime of one /proc/.../stat line (fields 14 and 15; the name in parentheses may hold spaces). */
    public static long cpuTicks(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }
}
