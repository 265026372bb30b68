package io.skyrtc.signaling.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code skyrtc warm-up}: the packaging step that loads the signaling path's classes for an AppCDS archive. */
class WarmUpCommandTest {
    @Test
    void drivesJoinsAndRelaysThenExitsZero() {
        CliRun.Run r = CliRun.run("warm-up", "--millis", "500");
        assertThat(r.exit()).as(r.err()).isZero();
        Matcher m = Pattern.compile("warm-up: (\\d+) joins, (\\d+) relayed messages").matcher(r.out());
        assertThat(m.find()).as(r.out()).isTrue();
        assertThat(Long.parseLong(m.group(1))).isPositive();
        assertThat(Long.parseLong(m.group(2))).isPositive();
        assertThat(r.out()).doesNotContain("stopped early");
    }

    @Test
    void aDurationOutsideItsRangeIsABadArgument() {
        assertThat(CliRun.run("warm-up", "--millis", "0").exit()).isEqualTo(2);
        CliRun.Run r = CliRun.run("warm-up", "--millis", "60001");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--millis must be 1-60000");
    }
}
