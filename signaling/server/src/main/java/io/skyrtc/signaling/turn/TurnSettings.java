package io.skyrtc.signaling.turn;

import io.skyrtc.signaling.protocol.ServerMessage;
import java.time.Duration;
import java.util.List;

/**
 * The ICE servers handed to clients ({@code ice.*} and {@code turn.*}, docs/CONFIG.md).
 *
 * @param staticServers  {@code ice.servers}, handed out as configured
 * @param urls           coturn's turn:/turns: URLs (empty = no TURN entry)
 * @param secrets        coturn's static-auth-secret(s); the first signs
 * @param ttl            lifetime of minted TURN credentials
 * @param healthInterval how often each turn: URL is checked (zero = never)
 * @param checkTimeout   budget of one server check
 */
public record TurnSettings(List<ServerMessage.IceServer> staticServers, List<String> urls, List<String> secrets,
                           Duration ttl, Duration healthInterval, Duration checkTimeout) {
    public TurnSettings {
        staticServers = List.copyOf(staticServers);
        urls = List.copyOf(urls);
        secrets = List.copyOf(secrets);
    }
}
