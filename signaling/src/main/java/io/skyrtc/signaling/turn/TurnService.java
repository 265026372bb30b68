package io.skyrtc.signaling.turn;

import io.skyrtc.signaling.config.SkyrtcConfig;
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
public final class TurnService implements IceServerSource {
    private final List<ServerMessage.IceServer> fixed;
    private final List<String> turnUrls;
    private final TurnRestCredentials credentials;
    private final Duration ttl;
    private final Clock clock;

    public TurnService(SkyrtcConfig config, Clock clock) {
        List<ServerMessage.IceServer> list = new ArrayList<>();
        for (SkyrtcConfig.IceServerEntry e : config.ice().servers()) {
            list.add(new ServerMessage.IceServer(List.copyOf(e.urls()), e.username(), e.credential()));
        }
        this.fixed = List.copyOf(list);
        this.turnUrls = List.copyOf(config.turn().urls());
        this.credentials = turnUrls.isEmpty() ? null : new TurnRestCredentials(config.turn().secrets(), clock);
        this.ttl = Duration.ofSeconds(config.turn().ttlSeconds());
        this.clock = clock;
    }

    public boolean turnConfigured() {
        return credentials != null;
    }

    @Override
    public List<ServerMessage.IceServer> forPeer(String room, String peerId, String identity) {
        return forUser(peerId);
    }

    /** Static servers plus a TURN entry for {@code user} (a name without ':'). */
    public List<ServerMessage.IceServer> forUser(String user) {
        if (credentials == null) {
            return fixed;
        }
        TurnRestCredentials.Credential c = credentials.issue(user, ttl);
        List<ServerMessage.IceServer> out = new ArrayList<>(fixed);
        out.add(new ServerMessage.IceServer(turnUrls, c.username(), c.password()));
        return out;
    }

    /** The TURN REST draft shape for {@code user}; null when no TURN server is configured. */
    public IceServers.RestResponse restFor(String user) {
        if (credentials == null) {
            return null;
        }
        return IceServers.rest(turnUrls, credentials.issue(user, ttl), clock.instant());
    }
}
