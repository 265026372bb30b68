package io.skyrtc.turn;

import java.time.Instant;
import java.util.List;

/**
 * The two shapes ICE server lists are handed out in: the browser's {@code RTCIceServer} and the
 * TURN REST API draft's response ({@code username, password, ttl, uris}).
 */
public final class IceServers {
    private IceServers() {
    }

    /** {@code RTCIceServer}: {@code credential} and {@code username} are null for STUN-only entries. */
    public record RtcIceServer(List<String> urls, String username, String credential) {}

    /** The TURN REST API draft response. */
    public record RestResponse(String username, String password, long ttl, List<String> uris) {}

    public static RtcIceServer rtc(List<String> urls, TurnRestCredentials.Credential c) {
        return new RtcIceServer(List.copyOf(urls), c.username(), c.password());
    }

    public static RestResponse rest(List<String> urls, TurnRestCredentials.Credential c, Instant now) {
        return new RestResponse(c.username(), c.password(), c.ttlSeconds(now), List.copyOf(urls));
    }

    /** Only {@code stun:}, {@code stuns:}, {@code turn:}, {@code turns:} URIs (RFC 7064/7065). */
    public static void checkUrl(String url) {
        if (url == null || !url.matches("(stun|stuns|turn|turns):[^\\s?]+(\\?transport=(udp|tcp))?")) {
            throw new IllegalArgumentException("not a stun:/stuns:/turn:/turns: URI: " + url);
        }
    }
}
