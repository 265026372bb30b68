package io.skyrtc.signaling.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The bench jar's CLI: the load tools next to every skyrtc command, in the one help style. */
class BenchCliTest {

    @Test
    void benchHelpIsWholeSentencesAndNamesOnlyRealOptions() {
        CliRun.Run r = CliRun.run(BenchCli::commandLine, "bench", "--help");
        assertThat(r.out()).doesNotContain("--spawn").contains("with --url an existing server is targeted")
                .doesNotContain("CPU per\n").contains("\nExamples:\n  skyrtc bench");
        assertThat(CliRun.run(BenchCli::commandLine, "bench", "--spawn").exit()).isEqualTo(2);
    }

    @Test
    void theLoadToolsAreOnlyInTheBenchCli() {
        assertThat(BenchCli.commandLine().getSubcommands()).containsKeys("bench", "bench-gate", "serve", "version");
        assertThat(SkyrtcCli.commandLine().getSubcommands()).doesNotContainKeys("bench", "bench-gate");
        assertThat(CliRun.run(BenchCli::commandLine, "bench-gate", "--help").out())
                .contains("\nExamples:\n  skyrtc bench-gate");
    }
}
