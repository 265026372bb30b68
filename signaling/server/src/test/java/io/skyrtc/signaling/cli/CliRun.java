package io.skyrtc.signaling.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Runs the CLI in-process and captures what it prints. */
final class CliRun {
    record Run(int exit, String out, String err) {}

    private CliRun() {}

    static Run run(String... args) {
        return run(SkyrtcCli::commandLine, args);
    }

    /** The same with another command line (the bench jar's {@code BenchCli}). */
    static synchronized Run run(java.util.function.Supplier<picocli.CommandLine> cli, String... args) {
        PrintStream out = System.out, err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            var cl = cli.get();
            cl.setErr(new PrintWriter(System.err, true));
            int exit = cl.execute(args);
            return new Run(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
