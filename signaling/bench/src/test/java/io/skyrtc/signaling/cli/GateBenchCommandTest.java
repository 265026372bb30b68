package io.skyrtc.signaling.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The gate benchmark tool works end to end (its figures are for the closing notes, not asserted). */
class GateBenchCommandTest {
    @Test
    void aShortRunMovesEventsThroughTheLinkAndReportsWhatTheReadmeShows() {
        CliRun.Run r = CliRun.run(BenchCli::commandLine, "bench-gate", "--seconds", "1", "--rooms", "8", "--rate", "2000");
        assertThat(r.exit()).as(r.err()).isZero();
        Matcher m = Pattern.compile("([0-9,]+) events/s through the gate link \\(([0-9,]+) in").matcher(r.out());
        assertThat(m.find()).as(r.out()).isTrue();
        assertThat(Long.parseLong(m.group(2).replace(",", ""))).isGreaterThan(1000);
        assertThat(r.out()).contains("latency p50").contains("dropped 0,").contains("refused 0,")
                .contains("IN-PROCESS FAKE gate").contains("skynet encoding");
    }

    @Test
    void theJsonEncodingCanBeMeasuredToo() {
        CliRun.Run r = CliRun.run(BenchCli::commandLine, "bench-gate", "--seconds", "1", "--rooms", "4", "--rate", "1000", "--encoding", "json");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("json encoding").contains("events/s through the gate link");
    }

    @Test
    void aGateWithoutAPortIsRefusedClearly() {
        CliRun.Run r = CliRun.run(BenchCli::commandLine, "bench-gate", "--gate", "localhost");
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("--gate: expected HOST:PORT");
    }
}
