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

    public static HttpEndpoint ready(Readiness readiness) {
        return (HttpCall call) -> {
            String why = readiness.reason();
            if (why != null) {
                throw new HttpError(503, "not-ready", why, null, null);
            }
            return Map.of("status", "ready");
        };
    }

    /** As {@link #ready(Readiness)}, the answer carrying {@code details} too (multi-node: {@code redis: up|down}). */
    public static HttpEndpoint ready(Readiness readiness, java.util.function.Supplier<Map<String, Object>> details) {
        HttpEndpoint plain = ready(readiness);
        return (HttpCall call) -> {
            plain.handle(call);
            Map<String, Object> out = new java.util.LinkedHashMap<>();
            out.put("status", "ready");
            out.putAll(details.get());
            return out;
        };
    }
}
