package io.skyrtc.signaling.cli;

import io.skyrtc.signaling.bench.GateBench;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench-gate", mixinStandardHelpOptions = true,
        description = {"Benchmark the actor-core TCP gate link: events/s with cumulative acks, and latency from a",
                "room action (a peer's data to \"server\") to the event at the other end. Runs skyrtc's rooms, event",
                "bus and gate link in this process. With --gate host:port the other end is a real skynet node running",
                "compose/skynet's rtc_watchdog with bench/rtc_sink.lua as its target (counted and timed in Lua);",
                "without it, an in-process FAKE gate: skyrtc's side alone, an upper bound that says nothing about skynet."})
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

    @Option(names = "--gate", paramLabel = "HOST:PORT", description = "a real skynet node's rtc_watchdog port")
    String gate;

    @Option(names = "--encoding", defaultValue = "skynet", description = "skynet or json (default ${DEFAULT-VALUE})")
    String encoding;

    @Option(names = "--batch", defaultValue = "256", description = "batchMaxEvents (default ${DEFAULT-VALUE})")
    int batch;

    @Override
    public Integer call() throws Exception {
        GateBench.Target target;
        if (gate == null) {
            target = new GateBench.Target(null, 0, encoding, batch);
        } else {
            int colon = gate.lastIndexOf(':');
            if (colon <= 0) {
                throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                        "--gate: expected HOST:PORT, got '" + gate + "'");
            }
            target = new GateBench.Target(gate.substring(0, colon), Integer.parseInt(gate.substring(colon + 1)),
                    encoding, batch);
        }
        new GateBench(System.out).run(rooms, producers, seconds, rate, window, ackEvery, payloadBytes, target);
        return 0;
    }
}
