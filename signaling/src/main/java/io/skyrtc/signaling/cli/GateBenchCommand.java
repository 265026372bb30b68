package io.skyrtc.signaling.cli;

import io.skyrtc.signaling.bench.GateBench;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench-gate", mixinStandardHelpOptions = true,
        description = {"Benchmark the actor-core TCP gate link: events/s with cumulative acks, and latency from a",
                "room action (a peer's data to \"server\") to the event decoded at the gate. Runs skyrtc's rooms,",
                "event bus and gate link in this process against an in-process gate that decodes every event."})
final class GateBenchCommand implements Callable<Integer> {
    @Option(names = "--rooms", defaultValue = "256", description = "rooms producing events (default ${DEFAULT-VALUE})")
    int rooms;

    @Option(names = "--producers", defaultValue = "1", description = "threads handing actions to rooms")
    int producers;

    @Option(names = "--seconds", defaultValue = "10", description = "measured duration, after 3 s of warm-up")
    int seconds;

    @Option(names = "--rate", defaultValue = "0", description = "events/s offered; 0 = as fast as possible")
    int rate;

    @Option(names = "--window", defaultValue = "20000", description = "max rate: events in flight at most")
    int window;

    @Option(names = "--ack-every", defaultValue = "64", description = "gate acknowledges every N events")
    int ackEvery;

    @Option(names = "--payload-bytes", defaultValue = "100", description = "filler in each event's payload")
    int payloadBytes;

    @Override
    public Integer call() throws Exception {
        new GateBench(System.out).run(rooms, producers, seconds, rate, window, ackEvery, payloadBytes);
        return 0;
    }
}
