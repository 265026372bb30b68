package io.skyrtc.signaling.turn;

import io.skyrtc.turn.check.IceChecker;
import io.skyrtc.turn.check.IceCredentials;
import io.skyrtc.turn.check.ServerCheck;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Background service: checks every configured turn: URL with a real Allocate (our own REST
 * credentials) every {@code interval}. A server whose check fails is left out of the iceServers
 * handed to clients until a later check passes; URLs ice4j cannot check (TCP/TLS) are never left out.
 * Before the first check a server counts as usable, so a restart does not strip TURN from clients.
 */
public final class TurnHealthMonitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TurnHealthMonitor.class);

    /** {@code up}, {@code down}, {@code not-checked} (TCP/TLS) or {@code unknown} (not checked yet). */
    public record ServerState(String url, String state, Instant since, Instant lastCheck, int consecutiveFailures,
                              ServerCheck last) {}

    /** What {@code GET /v1/turn/health} shows. */
    public record Snapshot(boolean enabled, long intervalMs, long timeoutMs, int usable, List<ServerState> servers) {}

    private final List<String> urls;
    private final IceChecker checker;
    private final IceChecker.Options options;
    private final Duration interval;
    private final Clock clock;
    private final Map<String, ServerState> states = new ConcurrentHashMap<>();
    private ScheduledExecutorService timer;

    public TurnHealthMonitor(List<String> urls, String secret, Duration interval, Duration timeout, Clock clock) {
        this.urls = List.copyOf(urls);
        this.checker = new IceChecker(clock);
        this.options = new IceChecker.Options(timeout, new IceCredentials.RestSecret(secret, "skyrtc-health",
                Duration.ofMinutes(5)), null);
        this.interval = interval;
        this.clock = clock;
        for (String url : urls) {
            states.put(url, new ServerState(url, "unknown", clock.instant(), null, 0, null));
        }
    }

    public synchronized void start() {
        if (timer != null || interval.isZero()) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "turn-health");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::checkQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    /** Runs one round now (also what the timer runs). */
    public void checkNow() {
        List<ServerCheck> results = checker.check(urls, options).servers();
        for (ServerCheck r : results) {
            update(r);
        }
    }

    public boolean usable(String url) {
        ServerState s = states.get(url);
        return s == null || !s.state().equals("down");
    }

    public Snapshot snapshot() {
        Map<String, ServerState> ordered = new LinkedHashMap<>();
        urls.forEach(u -> ordered.put(u, states.get(u)));
        int usable = (int) urls.stream().filter(this::usable).count();
        return new Snapshot(!interval.isZero(), interval.toMillis(), options.timeout().toMillis(), usable,
                List.copyOf(ordered.values()));
    }

    private void checkQuietly() {
        try {
            checkNow();
        } catch (RuntimeException e) {
            LOG.error("TURN health check round failed", e);
        }
    }

    private void update(ServerCheck r) {
        Instant now = clock.instant();
        String state = switch (r.status()) {
            case PASSED -> "up";
            case FAILED -> "down";
            case NOT_CHECKED -> "not-checked";
        };
        ServerState before = states.get(r.url());
        boolean changed = before == null || !before.state().equals(state);
        int failures = state.equals("down") ? (before == null ? 1 : before.consecutiveFailures() + 1) : 0;
        states.put(r.url(), new ServerState(r.url(), state, changed ? now : before.since(), now, failures, r));
        if (changed && state.equals("down")) {
            LOG.warn("TURN server {} is DOWN and left out of iceServers: {}{}", r.url(),
                    r.errorCode() == null ? "" : r.errorCode() + " " + r.errorReason() + " ", r.detail());
        } else if (changed && state.equals("up")) {
            LOG.info("TURN server {} is up (relay {}, {} ms)", r.url(), r.relayedAddress(),
                    String.format("%.1f", r.rttMs()));
        }
    }
}
