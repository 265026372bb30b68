package io.skyrtc.signaling.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;

/** The counters and gauges of the signaling core, registered once in a Micrometer registry. */
public final class SignalingMetrics {
    private final MeterRegistry registry;
    public final Counter relayed;
    public final Counter joins;
    public final Counter resumes;
    public final Counter resumeTakeovers;
    public final Counter protocolErrors;
    public final Counter slowConsumerCloses;
    public final Counter rateLimitCloses;
    public final Counter oversizeCloses;
    public final Counter resumeQueueDrops;
    public final Counter resumeReplayMissed;
    public final Counter rejectedConnections;
    public final AtomicInteger connections = new AtomicInteger();
    public final AtomicInteger rooms = new AtomicInteger();

    public SignalingMetrics() {
        this(new SimpleMeterRegistry());
    }

    public SignalingMetrics(MeterRegistry registry) {
        this.registry = registry;
        relayed = Counter.builder("skyrtc.messages.relayed").description("messages relayed peer to peer")
                .register(registry);
        joins = Counter.builder("skyrtc.joins").register(registry);
        resumes = Counter.builder("skyrtc.resumes").register(registry);
        resumeTakeovers = Counter.builder("skyrtc.resume.takeovers")
                .description("resumes that replaced a socket that was still open").register(registry);
        protocolErrors = Counter.builder("skyrtc.protocol.errors")
                .description("error replies for bad client input").register(registry);
        slowConsumerCloses = closes("slow-consumer");
        rateLimitCloses = closes("rate-limit");
        oversizeCloses = closes("oversize");
        resumeQueueDrops = Counter.builder("skyrtc.resume.queue.dropped")
                .description("messages dropped because a detached peer's queue was full").register(registry);
        resumeReplayMissed = Counter.builder("skyrtc.resume.replay.missed")
                .description("frames a resuming client missed that had left the replay ring").register(registry);
        rejectedConnections = Counter.builder("skyrtc.connections.rejected")
                .description("upgrades refused: origin or connection limit").register(registry);
        registry.gauge("skyrtc.connections", connections);
        registry.gauge("skyrtc.rooms", rooms);
    }

    private Counter closes(String reason) {
        return Counter.builder("skyrtc.connections.closed").tag("reason", reason).register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }
}
