package io.skyrtc.turn.check;

import java.time.Instant;
import java.util.List;

/**
 * Results of one check run, in the order the URLs were given.
 *
 * @param passed true when at least one server was checked and every checked server passed;
 *               servers reported {@code not-checked} neither pass nor fail the run
 */
public record IceCheckReport(Instant startedAt, long durationMs, long timeoutMs, boolean passed,
                             List<ServerCheck> servers) {

    public static IceCheckReport of(Instant startedAt, long durationMs, long timeoutMs, List<ServerCheck> servers) {
        boolean anyChecked = servers.stream().anyMatch(s -> s.status() != ServerCheck.Status.NOT_CHECKED);
        boolean noneFailed = servers.stream().noneMatch(s -> s.status() == ServerCheck.Status.FAILED);
        return new IceCheckReport(startedAt, durationMs, timeoutMs, anyChecked && noneFailed, List.copyOf(servers));
    }

    public boolean anyChecked() {
        return servers.stream().anyMatch(s -> s.status() != ServerCheck.Status.NOT_CHECKED);
    }
}
