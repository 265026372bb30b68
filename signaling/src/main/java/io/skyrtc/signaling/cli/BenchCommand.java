package io.skyrtc.signaling.cli;

import io.skyrtc.signaling.bench.BenchRunner;
import java.net.URI;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Load-test a skyrtc server over real WebSockets and report throughput, server CPU per",
                "message, latency percentiles, join latency and memory per idle connection.",
                "With --spawn (default) a dev-mode server is started as a separate process with rate limits",
                "lifted; with --url an existing server is targeted (it must accept token-less joins)."})
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--url", description = "target server (http://host:port); default: spawn one")
    URI url;

    @Option(names = "--scenario", split = ",", defaultValue = "relay,latency,join,idle",
            description = "any of relay, latency, join, idle (default: ${DEFAULT-VALUE})")
    List<String> scenarios;

    @Option(names = "--pairs", defaultValue = "16", description = "peer pairs for relay/latency")
    int pairs;

    @Option(names = "--seconds", defaultValue = "10", description = "measured duration per scenario")
    int seconds;

    @Option(names = "--sdp-bytes", defaultValue = "1000", description = "size of each relayed offer's SDP")
    int sdpBytes;

    @Option(names = "--window", defaultValue = "64", description = "relay: offers in flight per receiver")
    int window;

    @Option(names = "--rate", defaultValue = "20000", description = "latency: offered msgs/s")
    int rate;

    @Option(names = "--join-rate", defaultValue = "200", description = "join: joins per second")
    int joinRate;

    @Option(names = "--connections", defaultValue = "19000", description = "idle: connections to open")
    int connections;

    @Option(names = "--client-threads", defaultValue = "1",
            description = "load-generator selector threads (default: ${DEFAULT-VALUE})")
    int clientThreads;

    @Option(names = "--server-selectors", defaultValue = "0",
            description = "spawned server's server.selectors (0 = one per core)")
    int serverSelectors;

    @Option(names = "--server-heap", defaultValue = "1g", description = "spawned server's heap, fixed (-Xms and -Xmx)")
    String serverHeap;

    @Override
    public Integer call() throws Exception {
        return new BenchRunner(System.out).run(url, serverHeap, scenarios, pairs, seconds, sdpBytes, window, rate,
                joinRate, connections, clientThreads, serverSelectors);
    }
}
