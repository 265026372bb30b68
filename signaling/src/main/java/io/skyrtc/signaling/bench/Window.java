package io.skyrtc.signaling.bench;

/** One measured interval: the server's counters and this process's CPU at both ends. */
final class Window {
    record Result(double seconds, long relayed, long serverCpuNanos, long clientCpuNanos) {
        double serverMicrosPerMsg() {
            return serverCpuNanos / 1e3 / Math.max(1, relayed);
        }

        double clientMicrosPerMsg() {
            return clientCpuNanos / 1e3 / Math.max(1, relayed);
        }

        double serverCores() {
            return serverCpuNanos / 1e9 / seconds;
        }

        double clientCores() {
            return clientCpuNanos / 1e9 / seconds;
        }
    }

    private final ServerProbe.Sample server0;
    private final long client0;
    private final long t0;

    private Window(ServerProbe.Sample server0, long client0, long t0) {
        this.server0 = server0;
        this.client0 = client0;
        this.t0 = t0;
    }

    static Window start(ServerProbe probe) throws Exception {
        return new Window(probe.sample(), Scenarios.processCpu(), System.nanoTime());
    }

    Result end(ServerProbe probe) throws Exception {
        long t1 = System.nanoTime();
        long client1 = Scenarios.processCpu();
        ServerProbe.Sample s1 = probe.sample();
        return new Result((t1 - t0) / 1e9, s1.relayed() - server0.relayed(), s1.cpuNanos() - server0.cpuNanos(),
                client1 - client0);
    }
}
