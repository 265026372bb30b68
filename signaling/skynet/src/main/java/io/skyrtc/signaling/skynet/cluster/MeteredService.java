package io.skyrtc.signaling.skynet.cluster;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Counts the calls a service answers as {@code skyrtc_cluster_calls_total{command, outcome}}: {@code command}
 * is one of the service's known names ({@code other} for anything else a caller sends: the label set stays
 * bounded), {@code outcome} is {@code ok}, the failure's {@code code} (a pcall-style {@code false, {code=}}
 * answer) or {@code error} (an error packet).
 */
final class MeteredService implements ClusterServices.Service {
    private final ClusterServices.Service inner;
    private final Set<String> commands;
    private final MeterRegistry registry;

    MeteredService(ClusterServices.Service inner, Set<String> commands, MeterRegistry registry) {
        this.inner = inner;
        this.commands = Set.copyOf(commands);
        this.registry = registry;
    }

    @Override
    public CompletableFuture<List<Object>> call(List<Object> args) {
        String command = !args.isEmpty() && args.get(0) instanceof String s && commands.contains(s.replace('_', '-'))
                ? s.replace('_', '-') : "other";
        CompletableFuture<List<Object>> answer;
        try {
            answer = inner.call(args);
        } catch (RuntimeException e) {
            count(command, "error");
            throw e;
        }
        return answer.whenComplete((result, error) -> count(command, outcome(result, error)));
    }

    private static String outcome(List<Object> result, Throwable error) {
        if (error != null || result == null || result.isEmpty()) {
            return "error";
        }
        if (Boolean.FALSE.equals(result.get(0))) {
            return result.size() > 1 && result.get(1) instanceof Map<?, ?> m && m.get("code") instanceof String code
                    ? code : "error";
        }
        return "ok";
    }

    private void count(String command, String outcome) {
        Counter.builder("skyrtc.cluster.calls").description("cluster calls answered, by command and outcome")
                .tag("command", command).tag("outcome", outcome).register(registry).increment();
    }
}
