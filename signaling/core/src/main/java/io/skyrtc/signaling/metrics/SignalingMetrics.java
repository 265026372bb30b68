package io.skyrtc.signaling.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The counters and gauges of the signaling core, registered once in a Micrometer registry. */
public final class SignalingMetrics {
    private final MeterRegistry registry;
    /** What the codec sends, by type: relayed messages, errors by code, join refusals, failed resumes. */
    public final MessageMeters messages;
    /** Successful joins ({@code outcome=ok}); refusals are counted by code in {@link #messages}. */
    public final Counter joins;
    /**
     * Multi-node: joins refused with {@code unavailable} because the cluster could not route them (Redis). Counted
     * by the routing, not by code: a moved room's peers get {@code unavailable} too, and they were not joining.
     */
    public final Counter joinsUnavailable;
    public final Counter resumes;
    public final Counter resumeTakeovers;
    public final Counter protocolErrors;
    public final Counter slowConsumerCloses;
    public final Counter rateLimitCloses;
    public final Counter oversizeCloses;
    public final Counter joinTimeoutCloses;
    public final Counter idleCloses;
    public final Counter resumeQueueDrops;
    public final Counter resumeReplayMissed;
    /** Frames re-sent to resumed peers: swallowed by the old socket (from the replay ring) or queued while detached. */
    public final Counter resumeReplayed;
    public final Counter rejectedConnections;
    public final AtomicInteger connections = new AtomicInteger();
    /** Bytes queued to clients and not yet written, over every connection ({@code skyrtc_outbound_queue_bytes}). */
    public final java.util.concurrent.atomic.LongAdder outboundQueueBytes = new java.util.concurrent.atomic.LongAdder();
    public final AtomicInteger rooms = new AtomicInteger();
    /** Peers in rooms, attached or waiting for a resume. */
    public final AtomicInteger peers = new AtomicInteger();
    /** Of those, detached: their socket dropped, waiting to resume within rooms.resumeGraceMs. */
    public final AtomicInteger detachedPeers = new AtomicInteger();
    /** From a join frame's arrival to the room's answer (welcome or refusal). */
    public final Timer joinLatency;
    private final Map<Integer, Counter> closeCodes = new ConcurrentHashMap<>();

    public SignalingMetrics() {
        this(new SimpleMeterRegistry());
    }

    public SignalingMetrics(MeterRegistry registry) {
        this.registry = registry;
        Counter.Builder joinsByOutcome = Counter.builder("skyrtc.joins").description("joins by outcome: ok or the refusal code");
        Counter.Builder resumesByOutcome = Counter.builder("skyrtc.resumes").description("resumes by outcome: ok or failed");
        joins = joinsByOutcome.tag("outcome", "ok").register(registry);
        joinsUnavailable = joinsByOutcome.tag("outcome", "unavailable").register(registry);
        resumes = resumesByOutcome.tag("outcome", "ok").register(registry);
        messages = new MessageMeters(registry, joinsByOutcome, resumesByOutcome);
        joinLatency = Timer.builder("skyrtc.join.latency").description("join frame to the room's answer")
                .serviceLevelObjectives(ms(1), ms(2), ms(5), ms(10), ms(25), ms(50), ms(100), ms(250), ms(500),
                        ms(1000), ms(2500), ms(5000), ms(10_000))
                .register(registry);
        resumeTakeovers = Counter.builder("skyrtc.resume.takeovers")
                .description("resumes that replaced a socket that was still open").register(registry);
        protocolErrors = Counter.builder("skyrtc.protocol.errors")
                .description("error replies for bad client input").register(registry);
        slowConsumerCloses = closes("slow-consumer");
        rateLimitCloses = closes("rate-limit");
        oversizeCloses = closes("oversize");
        joinTimeoutCloses = closes("join-timeout");
        idleCloses = closes("idle-timeout");
        resumeQueueDrops = Counter.builder("skyrtc.resume.queue.dropped")
                .description("messages dropped because a detached peer's queue was full").register(registry);
        resumeReplayMissed = Counter.builder("skyrtc.resume.replay.missed")
                .description("frames a resuming client missed that had left the replay ring").register(registry);
        resumeReplayed = Counter.builder("skyrtc.resume.replayed")
                .description("frames re-sent to resumed peers (missed on the old socket, or queued while detached)")
                .register(registry);
        rejectedConnections = Counter.builder("skyrtc.connections.rejected")
                .description("upgrades refused: origin, connection limits or shutdown").register(registry);
        registry.gauge("skyrtc.connections", connections);
        registry.gauge("skyrtc.rooms", rooms);
        registry.gauge("skyrtc.peers", peers);
        registry.gauge("skyrtc.peers.detached", detachedPeers);
        io.micrometer.core.instrument.Gauge.builder("skyrtc.outbound.queue.bytes", outboundQueueBytes,
                        java.util.concurrent.atomic.LongAdder::sum)
                .description("bytes queued to clients, not yet written (all connections)").register(registry);
        for (int code : KNOWN_CLOSE_CODES) {
            closeCode(code);
        }
        closeCode(-1);
    }

    /** Close codes the protocol uses (docs/PROTOCOL.md) plus 1006 (no close frame); any other is "other". */
    static final int[] KNOWN_CLOSE_CODES = {1000, 1001, 1002, 1003, 1006, 1007, 1008, 1009, 1011, 1012, 1013, 4001,
            4002, 4003};

    /** Counts a closed WebSocket by its close code (either side's); unknown codes share one series. */
    public void closed(int code) {
        Counter c = closeCodes.get(code);
        (c != null ? c : closeCodes.get(-1)).increment();
    }

    private void closeCode(int code) {
        closeCodes.put(code, Counter.builder("skyrtc.ws.closes").description("WebSocket connections closed, by close code")
                .tag("code", code < 0 ? "other" : Integer.toString(code)).register(registry));
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }

    private Counter closes(String reason) {
        return Counter.builder("skyrtc.connections.closed").tag("reason", reason).register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }
}
