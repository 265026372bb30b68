package io.skyrtc.turn.bench;

import io.skyrtc.turn.check.IceChecker;
import io.skyrtc.turn.check.IceCredentials;
import io.skyrtc.turn.check.ServerCheck;
import io.skyrtc.turn.check.StunProbe;
import io.skyrtc.turn.testing.CoturnServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * ICE check latency against a local coturn (the test fixture, dev profile): a full STUN check and a
 * full TURN check (challenge, authenticated Allocate, Refresh 0; new socket and STUN stack each time)
 * against a bare Binding on a long-lived ice4j stack (the floor ice4j itself sets). SampleTime gives
 * p50/p99; run with {@code -t 4 -bm thrpt} for checks per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class IceCheckBenchmark {
    private Path dir;
    private CoturnServer coturn;
    private IceChecker checker;
    private IceChecker.Options turnOptions;
    private IceChecker.Options stunOptions;
    private StunProbe raw;

    @Setup(Level.Trial)
    public void start() throws Exception {
        dir = Files.createTempDirectory("ice-bench");
        // high quotas: a throughput run keeps many allocations in flight under one user
        coturn = CoturnServer.start(dir, "bench", "dev: true\nallowLoopbackPeers: true\nuserQuota: 0\ntotalQuota: 0\nminPort: 10000\nmaxPort: 19999\n"
                + "logFile: /dev/null", List.of(CoturnServer.SECRET));
        checker = new IceChecker(Clock.systemUTC());
        turnOptions = new IceChecker.Options(Duration.ofSeconds(2),
                new IceCredentials.RestSecret(CoturnServer.SECRET, "bench", null), null);
        stunOptions = new IceChecker.Options(Duration.ofSeconds(2), null, null);
        raw = StunProbe.open(coturn.stunUrl());
    }

    @TearDown(Level.Trial)
    public void stop() {
        raw.close();
        coturn.close();
    }

    @Benchmark
    public ServerCheck stunCheck() {
        return require(checker.checkOne(coturn.stunUrl(), stunOptions));
    }

    @Benchmark
    public ServerCheck turnCheck() {
        return require(checker.checkOne(coturn.turnUrl(), turnOptions));
    }

    @Benchmark
    public String rawIce4jBinding() throws Exception {
        return raw.bind(2000);
    }

    private static ServerCheck require(ServerCheck c) {
        if (c.status() != ServerCheck.Status.PASSED) {
            throw new IllegalStateException("check failed during the benchmark: " + c);
        }
        return c;
    }
}
