package io.skyrtc.signaling.turn;

import io.skyrtc.signaling.protocol.ServerMessage;
import io.skyrtc.signaling.room.IceServerSource;
import io.skyrtc.turn.IceServers;
import io.skyrtc.turn.TurnRestCredentials;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The iceServers every client gets: the static {@code ice.servers} plus, when coturn is configured,
 * one TURN entry with credentials minted for that peer. The TURN username carries the peer id (server
 * generated, no personal data in coturn's logs).
 */
public final class TurnService implements IceServerSource, AutoCloseable {
    /**
     * One configuration's servers, secrets and health monitor. A reload builds a new one and swaps it in
     * whole, so an iceServers entry is always minted from one configuration's URLs and secret.
     */
    private record Current(List<ServerMessage.IceServer> fixed, List<String> turnUrls, List<String> secrets,
                           TurnRestCredentials credentials, Duration ttl, Probe probe, TurnHealthMonitor health) {
        /** {@code kept}: the running monitor, reused when it probes the same way (null: build one). */
        static Current of(TurnSettings config, Clock clock, TurnHealthMonitor kept) {
            TurnRestCredentials credentials = config.urls().isEmpty() ? null
                    : new TurnRestCredentials(config.secrets(), clock);
            Probe probe = credentials == null ? null : Probe.of(config);
            TurnHealthMonitor health = kept != null ? kept : probe == null ? null
                    : new TurnHealthMonitor(probe.urls(), probe.secret(), probe.interval(), probe.timeout(), clock);
            return new Current(config.staticServers(), config.urls(), config.secrets(), credentials, config.ttl(),
                    probe, health);
        }
    }

    /** What the health monitor checks and how: a reload that leaves this alone keeps the monitor running. */
    private record Probe(List<String> urls, String secret, Duration interval, Duration timeout) {
        static Probe of(TurnSettings config) {
            return new Probe(config.urls(), config.secrets().get(0), config.healthInterval(), config.checkTimeout());
        }
    }

    private final Clock clock;
    private volatile Current current;
    private boolean started;
    private boolean closed;

    public TurnService(TurnSettings config, Clock clock) {
        this.clock = clock;
        this.current = Current.of(config, clock, null);
    }

    /** Starts the background health checks (when turn.healthIntervalMs > 0). */
    public synchronized void start() {
        started = true;
        if (current.health() != null) {
            current.health().start();
        }
    }

    /**
     * A reload's servers and secrets: credentials minted from now on use them (a client's credentials
     * from before stay valid as long as coturn still knows their secret). The health monitor is replaced
     * only when what it probes changed (URLs, signing secret, interval, timeout): a change of ttlSeconds
     * or ice.servers keeps its timer and what it has learnt.
     */
    public synchronized void reconfigure(TurnSettings config) {
        if (closed) {
            return;
        }
        Current before = current;
        boolean sameProbe = before.probe() != null && !config.urls().isEmpty()
                && before.probe().equals(Probe.of(config));
        Current next = Current.of(config, clock, sameProbe ? before.health() : null);
        if (sameProbe) {
            current = next;
            return;
        }
        if (started && next.health() != null) {
            next.health().start();
        }
        current = next;
        if (before.health() != null) {
            before.health().close();
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (current.health() != null) {
            current.health().close();
        }
    }

    /** The health monitor; null when no TURN server is configured. */
    public TurnHealthMonitor health() {
        return current.health();
    }

    /** For {@code GET /v1/turn/health}: per-server state, or {@code enabled: false} without TURN. */
    public TurnHealthMonitor.Snapshot healthSnapshot() {
        TurnHealthMonitor health = current.health();
        return health != null ? health.snapshot() : new TurnHealthMonitor.Snapshot(false, 0, 0, 0, List.of());
    }

    public List<String> turnUrls() {
        return current.turnUrls();
    }

    /** Every configured STUN/TURN URL: {@code turn.urls} and the URLs of {@code ice.servers}. */
    public List<String> configuredUrls() {
        Current c = current;
        List<String> all = new ArrayList<>(c.turnUrls());
        c.fixed().forEach(s -> all.addAll(s.urls()));
        return all;
    }

    public List<String> secrets() {
        Current c = current;
        return c.credentials() == null ? List.of() : c.secrets();
    }

    public boolean turnConfigured() {
        return current.credentials() != null;
    }

    /**
     * TURN credentials are replaced when 80% of {@code turn.ttlSeconds} has passed (48 min before expiry
     * at the default 4 h): enough margin for a client that is briefly busy or reconnecting.
     */
    @Override
    public long refreshAfterMs() {
        Current c = current;
        return c.credentials() == null ? 0 : c.ttl().toMillis() * 4 / 5;
    }

    @Override
    public List<ServerMessage.IceServer> forPeer(String room, String peerId, String identity) {
        return forUser(peerId);
    }

    /**
     * Static servers plus a TURN entry for {@code user} (a name without ':') listing the TURN URLs
     * the health monitor has not found down; no entry when all are down.
     */
    public List<ServerMessage.IceServer> forUser(String user) {
        Current now = current;
        List<String> urls = usableUrls(now);
        if (urls.isEmpty()) {
            return now.fixed();
        }
        TurnRestCredentials.Credential c = now.credentials().issue(user, now.ttl());
        List<ServerMessage.IceServer> out = new ArrayList<>(now.fixed());
        out.add(new ServerMessage.IceServer(urls, c.username(), c.password()));
        return out;
    }

    private static List<String> usableUrls(Current c) {
        if (c.credentials() == null) {
            return List.of();
        }
        TurnHealthMonitor health = c.health();
        return health == null ? c.turnUrls() : c.turnUrls().stream().filter(health::usable).toList();
    }

    /** The TURN REST draft shape for {@code user}; null when no TURN server is configured. */
    public IceServers.RestResponse restFor(String user) {
        Current now = current;
        List<String> urls = usableUrls(now);
        if (urls.isEmpty()) {
            return null;
        }
        return IceServers.rest(urls, now.credentials().issue(user, now.ttl()), clock.instant());
    }
}
