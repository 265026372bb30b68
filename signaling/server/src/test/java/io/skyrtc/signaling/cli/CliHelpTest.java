package io.skyrtc.signaling.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** Every command's --help: examples that fit, capital placeholders, every option described. */
class CliHelpTest {

    static List<CommandLine> allCommands() {
        List<CommandLine> out = new ArrayList<>();
        collect(SkyrtcCli.commandLine(), out);
        return out;
    }

    private static void collect(CommandLine cl, List<CommandLine> out) {
        out.add(cl);
        cl.getSubcommands().values().forEach(c -> collect(c, out));
    }

    @Test
    void everyCommandsHelpWorksAndEndsWithExamplesThatFit() {
        List<CommandLine> commands = allCommands();
        assertThat(commands).hasSizeGreaterThan(20);
        for (CommandLine cl : commands) {
            String name = cl.getCommandSpec().qualifiedName();
            List<String> args = new ArrayList<>(List.of(name.split(" "))).subList(1, name.split(" ").length);
            List<String> argv = new ArrayList<>(args);
            argv.add(name.equals("skyrtc help") ? "serve" : "--help");
            CliRun.Run r = CliRun.run(argv.toArray(String[]::new));
            assertThat(r.exit()).as(name + ": " + r.err()).isZero();
            String help = name.equals("skyrtc help") ? cl.getUsageMessage() : r.out();
            assertThat(help).as(name).contains("Usage: " + name).contains("\nExamples:\n  skyrtc");
            String examples = help.substring(help.indexOf("\nExamples:\n"));
            for (String line : examples.split("\n")) {
                assertThat(line.length()).as(name + " example line too wide: " + line).isLessThanOrEqualTo(CliHelp.WIDTH);
            }
        }
    }

    @Test
    void everyOptionIsDescribedWithACapitalPlaceholder() {
        for (CommandLine cl : allCommands()) {
            String name = cl.getCommandSpec().qualifiedName();
            for (OptionSpec o : cl.getCommandSpec().options()) {
                assertThat(String.join(" ", o.description())).as(name + " " + o.longestName()).isNotBlank();
                if (o.arity().max() > 0) {
                    assertThat(o.paramLabel()).as(name + " " + o.longestName()).matches("[A-Z][A-Z0-9_]*(:[A-Z][A-Z0-9_]*)?");
                }
            }
            for (PositionalParamSpec p : cl.getCommandSpec().positionalParameters()) {
                assertThat(String.join(" ", p.description())).as(name + " " + p.paramLabel()).isNotBlank();
                assertThat(p.paramLabel()).as(name).matches("[A-Z][A-Z0-9_]*(:[A-Z][A-Z0-9_]*)?");
            }
        }
    }

    @Test
    void versionPrintsTheBuildsVersion() {
        CliRun.Run v = CliRun.run("version");
        assertThat(v.exit()).isZero();
        assertThat(v.out().trim()).matches("skyrtc \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        assertThat(CliRun.run("--version").out()).isEqualTo(v.out());
    }
}
