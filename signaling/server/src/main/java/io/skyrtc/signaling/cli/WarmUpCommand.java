package io.skyrtc.signaling.cli;

import io.skyrtc.signaling.StartupWarmUp;
import io.skyrtc.signaling.config.SkyrtcConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code skyrtc warm-up}: the start-up warm-up alone, on a throwaway loopback server, then exit. Its use
 * is packaging: run under {@code -XX:ArchiveClassesAtExit=skyrtc.jsa} it loads every class of the
 * signaling path, and the JVM writes them to an AppCDS archive that {@code serve} then starts from
 * ({@code -XX:SharedArchiveFile=skyrtc.jsa}; README "Start-up").
 */
@Command(name = "warm-up", mixinStandardHelpOptions = true,
        description = "Drive the signaling path on a throwaway loopback server for a while, then exit "
                + "(packaging: record an AppCDS archive with -XX:ArchiveClassesAtExit).")
final class WarmUpCommand implements Callable<Integer> {
    @Option(names = "--millis", paramLabel = "MS", defaultValue = "3000",
            description = "how long to drive it, 1-60000 (default: ${DEFAULT-VALUE})")
    long millis;

    @Override
    public Integer call() {
        if (millis < 1 || millis > 60_000) {
            System.err.println("--millis must be 1-60000, was " + millis);
            return 2;
        }
        StartupWarmUp.Result r = StartupWarmUp.run(SkyrtcConfig.defaults(), millis);
        System.out.printf("warm-up: %d joins, %d relayed messages%s%n", r.joins(), r.messages(),
                r.failure() == null ? "" : " (stopped early: " + r.failure() + ")");
        return r.failure() == null ? 0 : 1;
    }
}
