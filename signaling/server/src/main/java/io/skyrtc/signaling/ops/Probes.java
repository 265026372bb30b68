package io.skyrtc.signaling.ops;

import io.skyrtc.signaling.http.HttpCall;
import io.skyrtc.signaling.http.HttpEndpoint;
import io.skyrtc.signaling.http.HttpError;
import java.util.Map;

/**
 * Orchestrator probes, open (no key) and cheap: {@code GET /livez} is 200 while the process can answer
 * HTTP at all; {@code GET /readyz} is 200 while the node takes joins and 503 (code {@code not-ready},
 * the reason in the message) while starting, draining or shutting down.
 */
public final class Probes {
    private Probes() {}

    public static HttpEndpoint live() {
        return call -> Map.of("status", "alive");
    }

    /**
     * What else readiness may wait for (server.readiness): TURN ({@code ok}, {@code down}, {@code off} when
     * not configured or not health-checked) and the actor core ({@code up}, {@code down}, {@code off}).
     * Their state is always shown; it gates readiness only where required.
     */
    public record Dependencies(boolean requireTurn, boolean requireActorCore, java.util.function.Supplier<String> turn,
                               java.util.function.Supplier<String> actorCore) {}

    public static HttpEndpoint ready(Readiness readiness, Dependencies deps) {
        return (HttpCall call) -> {
            String turn = deps.turn().get();
            String core = deps.actorCore().get();
            String why = readiness.reason();
            if (why == null && deps.requireTurn() && turn.equals("down")) {
                why = "turn-down";
            }
            if (why == null && deps.requireActorCore() && core.equals("down")) {
                why = "actor-core-down";
            }
            if (why != null) {
                throw new HttpError(503, "not-ready", why, null, null);
            }
            return Map.of("status", "ready", "turn", turn, "actorCore", core);
        };
    }

    /**
     * As {@link #ready(Readiness, Dependencies)}, the answer carrying {@code details} too (multi-node:
     * {@code redis: up|down}); null = none.
     */
    public static HttpEndpoint ready(Readiness readiness, Dependencies deps,
                                     java.util.function.Supplier<Map<String, Object>> details) {
        HttpEndpoint plain = ready(readiness, deps);
        if (details == null) {
            return plain;
        }
        return (HttpCall call) -> {
            Map<String, Object> out = new java.util.LinkedHashMap<>(castMap(plain.handle(call)));
            out.putAll(details.get());
            return out;
        };
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object o) {
        return (Map<String, Object>) o;
    }
}
