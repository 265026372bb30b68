package io.skyrtc.signaling.turn;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per configured TURN URL ({@code server} label: from the config, so bounded): {@code skyrtc_turn_server_up}
 * (1 up or not checked by its transport, 0 down, NaN not checked yet) and
 * {@code skyrtc_turn_server_last_check_seconds} (Unix time of its last check, NaN before the first).
 * {@link #sync()} after a reload adds the new URLs' series and removes the dropped ones'.
 */
public final class TurnHealthMeters {
    private final TurnService turn;
    private final MeterRegistry registry;
    private final Map<String, List<Meter>> byUrl = new LinkedHashMap<>();

    public TurnHealthMeters(TurnService turn, MeterRegistry registry) {
        this.turn = turn;
        this.registry = registry;
        sync();
    }

    public synchronized void sync() {
        List<String> urls = turn.turnUrls();
        for (String gone : new ArrayList<>(byUrl.keySet())) {
            if (!urls.contains(gone)) {
                byUrl.remove(gone).forEach(registry::remove);
            }
        }
        for (String url : urls) {
            byUrl.computeIfAbsent(url, u -> List.of(
                    Gauge.builder("skyrtc.turn.server.up", this, m -> m.up(u)).tag("server", u)
                            .description("TURN server health: 1 up (or not checkable over its transport), 0 down")
                            .register(registry),
                    Gauge.builder("skyrtc.turn.server.last.check.seconds", this, m -> m.lastCheck(u)).tag("server", u)
                            .description("Unix time of the TURN server's last health check").register(registry)));
        }
    }

    private TurnHealthMonitor.ServerState state(String url) {
        return turn.healthSnapshot().servers().stream().filter(s -> s.url().equals(url)).findFirst().orElse(null);
    }

    private double up(String url) {
        TurnHealthMonitor.ServerState s = state(url);
        if (s == null || s.state().equals("unknown")) {
            return Double.NaN;
        }
        return s.state().equals("down") ? 0 : 1;
    }

    private double lastCheck(String url) {
        TurnHealthMonitor.ServerState s = state(url);
        return s == null || s.lastCheck() == null ? Double.NaN : s.lastCheck().toEpochMilli() / 1000.0;
    }
}
