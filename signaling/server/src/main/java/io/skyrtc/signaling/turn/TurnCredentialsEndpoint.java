package io.skyrtc.signaling.turn;

import io.skyrtc.signaling.auth.ApiKeys;
import io.skyrtc.signaling.auth.ApiPrincipal;
import io.skyrtc.signaling.auth.RoomTokenClaims;
import io.skyrtc.signaling.auth.RoomTokens;
import io.skyrtc.signaling.auth.TokenException;
import io.skyrtc.signaling.http.HttpCall;
import io.skyrtc.signaling.http.HttpEndpoint;
import io.skyrtc.signaling.http.HttpError;
import io.skyrtc.signaling.limits.KeyedRateLimiter;
import io.skyrtc.signaling.protocol.ServerMessage;
import io.skyrtc.turn.IceServers;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /v1/turn/credentials}: fresh iceServers for clients that need them outside a welcome.
 * Accepts an API key with scope {@code turn} (rate-limited per key) or any valid room token
 * ({@code Authorization: Bearer}), rate-limited per token identity: each answer is a new TURN username,
 * and coturn's per-user quota counts usernames, so unlimited minting would sidestep it.
 */
public final class TurnCredentialsEndpoint implements HttpEndpoint {

    public record Reply(List<ServerMessage.IceServer> iceServers, IceServers.RestResponse rest) {}

    private final TurnService turn;
    private final ApiKeys apiKeys;
    private final RoomTokens roomTokens;
    private final KeyedRateLimiter perIdentity;

    public TurnCredentialsEndpoint(TurnService turn, ApiKeys apiKeys, RoomTokens roomTokens,
                                   KeyedRateLimiter perIdentity) {
        this.turn = turn;
        this.apiKeys = apiKeys;
        this.roomTokens = roomTokens;
        this.perIdentity = perIdentity;
    }

    @Override
    public Object handle(HttpCall call) throws HttpError {
        String user = authenticate(call.authorization());
        if (!turn.turnConfigured()) {
            throw new HttpError(404, "not-configured", "no TURN server is configured (turn.urls)", null, null);
        }
        return new Reply(turn.forUser(user), turn.restFor(user));
    }

    private String authenticate(String authorization) throws HttpError {
        Optional<ApiPrincipal> key = apiKeys.authenticate(authorization);
        if (key.isPresent()) {
            if (!key.get().allows("turn")) {
                throw new HttpError(403, "forbidden", "this API key may not use scope 'turn'", null, null);
            }
            long wait = key.get().admit(System.nanoTime());
            if (wait > 0) {
                throw HttpError.rateLimited(wait);
            }
            return safe("key-" + key.get().name());
        }
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw HttpError.unauthorized();
        }
        RoomTokenClaims claims;
        try {
            claims = roomTokens.verify(authorization.substring(7).trim(), null);
        } catch (TokenException e) {
            throw HttpError.unauthorized();
        }
        long wait = perIdentity.admit(claims.identity(), System.nanoTime());
        if (wait > 0) {
            long seconds = Math.max(1, (wait + 999_999_999L) / 1_000_000_000L);
            throw new HttpError(429, "rate-limited", "too many TURN credential requests for this identity; retry "
                    + "after " + seconds + " s", null, seconds);
        }
        return safe(claims.identity());
    }

    /** TURN REST usernames are "expiry:user": keep the user part to safe characters, no ':'. */
    private static String safe(String user) {
        String s = user.replaceAll("[^A-Za-z0-9_.@-]", "_");
        return s.length() > 64 ? s.substring(0, 64) : s;
    }
}
