package io.skyrtc.signaling.skynet.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The cluster-call meter's labels, and that counting a call does not look its counter up again. */
class MeteredServiceTest {
    private static final CompletableFuture<List<Object>> OK = CompletableFuture.completedFuture(List.of(true, "x"));

    private static double count(SimpleMeterRegistry r, String command, String outcome) {
        var c = r.find("skyrtc.cluster.calls").tag("command", command).tag("outcome", outcome).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void labelsCommandAndOutcomeFromKnownValuesOnly() {
        SimpleMeterRegistry r = new SimpleMeterRegistry();
        MeteredService s = new MeteredService(args -> switch (String.valueOf(args.get(0))) {
            case "kick" -> OK;
            case "room_info" -> CompletableFuture.completedFuture(List.of(false, Map.of("code", "not-found")));
            case "weird" -> CompletableFuture.completedFuture(List.of(false, Map.of("code", "made-up")));
            default -> CompletableFuture.failedFuture(new IllegalStateException("boom"));
        }, Set.of("kick", "room-info"), CommandService.failureCodes(), r);
        s.call(List.of("kick"));
        s.call(List.of("kick"));
        s.call(List.of("room_info", "r"));
        s.call(List.of("weird"));
        s.call(List.of("fly"));
        s.call(List.of(42L));
        assertThat(count(r, "kick", "ok")).isEqualTo(2);
        assertThat(count(r, "room-info", "not-found")).isEqualTo(1);
        assertThat(count(r, "other", "error")).isEqualTo(3);  // a made-up code, a failed future, a non-name
        assertThat(r.find("skyrtc.cluster.calls").tag("outcome", "made-up").counter()).isNull();
    }

    /**
     * Counting reuses the counter: the old per-call Counter.builder(..).register(registry) cost hundreds of
     * bytes a call (builder, tags, id, registry lookup); what remains is whenComplete's future and callback.
     */
    @Test
    void aCountedCallAllocatesNoMeterLookup() {
        MeteredService s = new MeteredService(args -> OK, Set.of("kick", "list-rooms"), CommandService.failureCodes(),
                new SimpleMeterRegistry());
        List<Object> args = List.of("list-rooms");
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        int calls = 200_000;
        for (int i = 0; i < calls; i++) {
            s.call(args);
        }
        long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < calls; i++) {
            s.call(args);
        }
        long perCall = (threads.getThreadAllocatedBytes(id) - before) / calls;
        assertThat(perCall).as("bytes allocated per metered call").isLessThan(128);
    }
}
