package io.skyrtc.signaling.cli;

import picocli.CommandLine;

/**
 * {@code java -jar signaling/target/skyrtc-bench.jar <command>}: every skyrtc command plus the load tools
 * {@code bench} and {@code bench-gate}, which live only in this jar (the production skyrtc.jar carries
 * neither them nor HdrHistogram). {@code bench} starts its server from this jar's classpath.
 */
public final class BenchCli {
    private BenchCli() {}

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        CommandLine cl = SkyrtcCli.commandLine();
        cl.addSubcommand(new BenchCommand());
        cl.addSubcommand(new GateBenchCommand());
        CliHelp.install(cl);
        return cl;
    }
}
