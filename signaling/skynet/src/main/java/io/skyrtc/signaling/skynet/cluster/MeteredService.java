package io.skyrtc.signaling.skynet.cluster;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Counts the calls a service answers as {@code skyrtc_cluster_calls_total{command, outcome}}: {@code command}
 * is one of the service's known names ({@code other} for anything else a caller sends: the label set stays
 * bounded), {@code outcome} is {@code ok}, the failure's {@code code} (a pcall-style {@code false, {code=}}
 * answer; one of the service's known codes, {@code error} for any other) or {@code error} (an error packet).
 * Every (command, outcome) counter is looked up in the registry once, on its first use, then kept: a call
 * costs two map reads, not a builder and a registry lookup.
 */
final class MeteredService implements ClusterServices.Service {
    private static final String OTHER = "other";
    private static final int OK = 0;
    private static final int ERROR = 1;

    private final ClusterServices.Service inner;
    private final MeterRegistry registry;
    /** The outcome values, by index: ok, error, then each known failure code. */
    private final List<String> outcomes;
    /** Each known command (and {@code other}) with its counters, one per outcome, filled on first use. */
    private final Map<String, Row> rows = new HashMap<>();
    private final Row other;

    /** One command's counters; a slot is filled once (racing fills get the registry's same counter). */
    private record Row(String command, AtomicReferenceArray<Counter> counters) {}

    /** {@code failureCodes}: the codes a failure answer may carry; any other counts as {@code error}. */
    MeteredService(ClusterServices.Service inner, Set<String> commands, List<String> failureCodes,
                   MeterRegistry registry) {
        this.inner = inner;
        this.registry = registry;
        List<String> all = new java.util.ArrayList<>(List.of("ok", "error"));
        all.addAll(failureCodes);
        this.outcomes = List.copyOf(all);
        for (String command : commands) {
            rows.put(command, new Row(command, new AtomicReferenceArray<>(outcomes.size())));
        }
        this.other = new Row(OTHER, new AtomicReferenceArray<>(outcomes.size()));
    }

    @Override
    public CompletableFuture<List<Object>> call(List<Object> args) {
        Row row = row(args);
        CompletableFuture<List<Object>> answer;
        try {
            answer = inner.call(args);
        } catch (RuntimeException e) {
            count(row, ERROR);
            throw e;
        }
        return answer.whenComplete((result, error) -> count(row, outcome(result, error)));
    }

    /** The caller's command ({@code _} standing for {@code -}), or {@code other}. */
    private Row row(List<Object> args) {
        if (args.isEmpty() || !(args.get(0) instanceof String s)) {
            return other;
        }
        Row row = rows.get(s);
        if (row == null && s.indexOf('_') >= 0) {
            row = rows.get(s.replace('_', '-'));
        }
        return row == null ? other : row;
    }

    private int outcome(List<Object> result, Throwable error) {
        if (error != null || result == null || result.isEmpty()) {
            return ERROR;
        }
        if (Boolean.FALSE.equals(result.get(0))) {
            if (result.size() > 1 && result.get(1) instanceof Map<?, ?> m && m.get("code") instanceof String code) {
                int index = outcomes.indexOf(code);
                return index > ERROR ? index : ERROR;
            }
            return ERROR;
        }
        return OK;
    }

    private void count(Row row, int outcome) {
        Counter counter = row.counters().get(outcome);
        if (counter == null) {
            counter = Counter.builder("skyrtc.cluster.calls").description("cluster calls answered, by command and outcome")
                    .tag("command", row.command()).tag("outcome", outcomes.get(outcome)).register(registry);
            row.counters().set(outcome, counter);
        }
        counter.increment();
    }
}
