package io.skyrtc.signaling.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.skyrtc.signaling.protocol.ErrorCode;
import io.skyrtc.signaling.protocol.ServerMessage;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Counts what the server sends, by type, as the codec encodes it (each message is encoded once, also
 * when it is broadcast): relayed offers/answers/candidates/data, error replies by code, join refusals by
 * code and failed resumes. Label values come from fixed sets, so a client cannot grow the series.
 */
public final class MessageMeters implements Consumer<ServerMessage> {
    /** Error codes that answer a join with a refusal (wire names; codes added later count as "other"). */
    static final Set<String> JOIN_REFUSALS = Set.of("token-required", "token-invalid", "token-expired",
            "token-room-mismatch", "room-full", "too-many-rooms", "already-joined", "server-draining");
    static final String OTHER = "other";

    private final Counter offers;
    private final Counter answers;
    private final Counter candidates;
    private final Counter data;
    private final Map<String, Counter> errors = new HashMap<>();
    private final Map<String, Counter> refusals = new HashMap<>();
    private final Counter resumeFailed;

    MessageMeters(MeterRegistry registry, Counter.Builder joins, Counter.Builder resumes) {
        offers = relayed(registry, "offer");
        answers = relayed(registry, "answer");
        candidates = relayed(registry, "candidate");
        data = relayed(registry, "data");
        for (ErrorCode c : ErrorCode.values()) {
            errors.put(c.wire(), error(registry, c.wire()));
        }
        errors.put(OTHER, error(registry, OTHER));
        for (String code : JOIN_REFUSALS) {
            refusals.put(code, joins.tag("outcome", code).register(registry));
        }
        resumeFailed = resumes.tag("outcome", "failed").register(registry);
    }

    private static Counter relayed(MeterRegistry registry, String type) {
        return Counter.builder("skyrtc.messages.relayed").description("messages relayed between peers, by type")
                .tag("type", type).register(registry);
    }

    private static Counter error(MeterRegistry registry, String code) {
        return Counter.builder("skyrtc.errors").description("error replies sent to clients, by code")
                .tag("code", code).register(registry);
    }

    @Override
    public void accept(ServerMessage message) {
        if (message instanceof ServerMessage.Offer) {
            offers.increment();
        } else if (message instanceof ServerMessage.Answer) {
            answers.increment();
        } else if (message instanceof ServerMessage.Candidate) {
            candidates.increment();
        } else if (message instanceof ServerMessage.Data d && !"server".equals(d.from())) {
            data.increment();
        } else if (message instanceof ServerMessage.Error e) {
            errors.getOrDefault(e.code(), errors.get(OTHER)).increment();
            Counter refusal = refusals.get(e.code());
            if (refusal != null) {
                refusal.increment();
            } else if (ErrorCode.RESUME_INVALID.wire().equals(e.code())) {
                resumeFailed.increment();
            }
        }
    }

    /** Messages relayed so far, all types (the load tool's throughput figure via /healthz). */
    public long relayedCount() {
        return (long) (offers.count() + answers.count() + candidates.count() + data.count());
    }
}
