package io.skyrtc.signaling.cli;

import io.skyrtc.signaling.bench.BenchRunner;
import java.io.File;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Load-test a skyrtc server over real WebSockets and report throughput, server CPU per message, "
                + "latency percentiles, join latency and memory per idle connection. Without --url a dev-mode server "
                + "is started as a separate process (rate limits lifted, heap --server-heap); with --url an existing "
                + "server is targeted (it must accept joins without a room token, i.e. run with --dev).")
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--url", paramLabel = "URL",
            description = "target server (http://host:port); default: start one in its own JVM")
    URI url;

    @Option(names = "--scenario", split = ",", paramLabel = "NAME", defaultValue = "relay,latency,join,idle",
            description = "any of relay, latency, join, idle (default: ${DEFAULT-VALUE})")
    List<String> scenarios;

    @Option(names = "--pairs", defaultValue = "16", description = "relay, latency: peer pairs (default ${DEFAULT-VALUE})")
    int pairs;

    @Option(names = "--seconds", defaultValue = "10", paramLabel = "SECONDS", description = "measured duration per scenario (default ${DEFAULT-VALUE})")
    int seconds;

    @Option(names = "--sdp-bytes", defaultValue = "1000", paramLabel = "BYTES", description = "size of each relayed offer's SDP (default ${DEFAULT-VALUE})")
    int sdpBytes;

    @Option(names = "--window", defaultValue = "64", description = "relay: offers in flight per receiver (default ${DEFAULT-VALUE})")
    int window;

    @Option(names = "--rate", defaultValue = "20000", description = "latency: offered messages per second (default ${DEFAULT-VALUE})")
    int rate;

    @Option(names = "--join-rate", defaultValue = "200", description = "join: joins per second (default ${DEFAULT-VALUE})")
    int joinRate;

    @Option(names = "--connections", defaultValue = "19000", description = "idle: connections to open (default ${DEFAULT-VALUE})")
    int connections;

    @Option(names = "--client-threads", defaultValue = "1",
            description = "load-generator selector threads (default: ${DEFAULT-VALUE})")
    int clientThreads;

    @Option(names = "--server-selectors", defaultValue = "0",
            description = "started server's server.selectors (0 = one per core, the default)")
    int serverSelectors;

    @Option(names = "--server-heap", defaultValue = "1g", paramLabel = "SIZE",
            description = "started server's heap, fixed: -Xms = -Xmx (default ${DEFAULT-VALUE})")
    String serverHeap;

    @Option(names = "--server-jvm-option", paramLabel = "OPTION",
            description = "extra JVM option for the started server, repeatable (e.g. -XX:+UseZGC)")
    List<String> serverJvmOptions = new ArrayList<>();

    @Option(names = "--server-jar", paramLabel = "JAR",
            description = "start the server from this skyrtc.jar instead of this one (before/after comparisons)")
    File serverJar;

    @Option(names = "--client", defaultValue = "realistic", paramLabel = "MODE",
            description = "realistic: one message per write, a fresh mask per frame, a browser's upgrade (join: a new "
                    + "connection per join); batched: many frames per write on pre-opened sockets, the "
                    + "generator-friendly upper bound (default ${DEFAULT-VALUE})")
    String client;

    @Option(names = "--warm-up", defaultValue = "5", paramLabel = "SECONDS",
            description = "latency, join: discarded warm-up before measuring (0 = a fresh server's first messages; "
                    + "default ${DEFAULT-VALUE})")
    int warmUpSeconds;

    @Override
    public Integer call() throws Exception {
        if (!client.equals("realistic") && !client.equals("batched")) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--client must be realistic or batched, not " + client);
        }
        if (warmUpSeconds < 0) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--warm-up must be >= 0");
        }
        return new BenchRunner(System.out).run(url,
                new BenchRunner.ServerSpec(serverHeap, serverSelectors, serverJvmOptions, serverJar), scenarios, pairs,
                seconds, sdpBytes, window, rate, joinRate, connections, clientThreads, client.equals("realistic"),
                warmUpSeconds);
    }
}
