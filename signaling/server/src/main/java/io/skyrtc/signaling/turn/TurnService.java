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
    private final List<ServerMessage.IceServer> fixed;
    private final List<String> turnUrls;
    private final List<String> secrets;
    private final TurnRestCredentials credentials;
    private final Duration ttl;
    private final Clock clock;
    private final TurnHealthMonitor health;

    public TurnService(TurnSettings config, Clock clock) {
        this.fixed = config.staticServers();
        this.turnUrls = config.urls();
        this.secrets = config.secrets();
        this.credentials = turnUrls.isEmpty() ? null : new TurnRestCredentials(secrets, clock);
        this.ttl = config.ttl();
        this.clock = clock;
        this.health = credentials == null ? null : new TurnHealthMonitor(turnUrls, secrets.get(0),
                config.healthInterval(), config.checkTimeout(), clock);
    }

    /** Starts the background health checks (when turn.healthIntervalMs > 0). */
    public void start() {
        if (health != null) {
            health.start();
        }
    }

    @Override
    public void close() {
        if (health != null) {
            health.close();
        }
    }

    /** The health monitor; null when no TURN server is configured. */
    public TurnHealthMonitor health() {
        return health;
    }

    /** For {@code GET /v1/turn/health}: per-server state, or {@code enabled: false} without TURN. */
    public TurnHealthMonitor.Snapshot healthSnapshot() {
        return health != null ? health.snapshot() : new TurnHealthMonitor.Snapshot(false, 0, 0, 0, List.of());
    }

    public List<String> turnUrls() {
        return turnUrls;
    }

    /** Every configured STUN/TURN URL: {@code turn.urls} and the URLs of {@code ice.servers}. */
    public List<String> configuredUrls() {
        List<String> all = new ArrayList<>(turnUrls);
        fixed.forEach(s -> all.addAll(s.urls()));
        return all;
    }

    public List<String> secrets() {
        return credentials == null ? List.of() : secrets;
    }

    public boolean turnConfigured() {
        return credentials != null;
    }

    /**
     * TURN credentials are replaced when 80% of {@code turn.ttlSeconds} has passed (48 min before expiry
     * at the default 4 h): enough margin for a client that is briefly busy or reconnecting.
     */
    @Override
    public long refreshAfterMs() {
        return credentials == null ? 0 : ttl.toMillis() * 4 / 5;
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
        List<String> urls = usableUrls();
        if (urls.isEmpty()) {
            return fixed;
        }
        TurnRestCredentials.Credential c = credentials.issue(user, ttl);
        List<ServerMessage.IceServer> out = new ArrayList<>(fixed);
        out.add(new ServerMessage.IceServer(urls, c.username(), c.password()));
        return out;
    }

    private List<String> usableUrls() {
        if (credentials == null) {
            return List.of();
        }
        return health == null ? turnUrls : turnUrls.stream().filter(health::usable).toList();
    }

    /** The TURN REST draft shape for {@code user}; null when no TURN server is configured. */
    public IceServers.RestResponse restFor(String user) {
        List<String> urls = usableUrls();
        if (urls.isEmpty()) {
            return null;
        }
        return IceServers.rest(urls, credentials.issue(user, ttl), clock.instant());
    }
}
