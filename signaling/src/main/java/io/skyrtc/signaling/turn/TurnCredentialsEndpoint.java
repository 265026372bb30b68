package io.skyrtc.signaling.turn;

import io.skyrtc.signaling.auth.ApiKeys;
import io.skyrtc.signaling.auth.ApiPrincipal;
import io.skyrtc.signaling.auth.RoomTokenClaims;
import io.skyrtc.signaling.auth.RoomTokens;
import io.skyrtc.signaling.auth.TokenException;
import io.skyrtc.signaling.http.HttpCall;
import io.skyrtc.signaling.http.HttpEndpoint;
import io.skyrtc.signaling.http.HttpError;
import io.skyrtc.signaling.protocol.ServerMessage;
import io.skyrtc.turn.IceServers;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /v1/turn/credentials}: fresh iceServers for clients that need them outside a welcome.
 * Accepts an API key with scope {@code turn} or any valid room token ({@code Authorization: Bearer}).
 */
public final class TurnCredentialsEndpoint implements HttpEndpoint {

    public record Reply(List<ServerMessage.IceServer> iceServers, IceServers.RestResponse rest) {}

    private final TurnService turn;
    private final ApiKeys apiKeys;
    private final RoomTokens roomTokens;

    public TurnCredentialsEndpoint(TurnService turn, ApiKeys apiKeys, RoomTokens roomTokens) {
        this.turn = turn;
        this.apiKeys = apiKeys;
        this.roomTokens = roomTokens;
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
        try {
            RoomTokenClaims claims = roomTokens.verify(authorization.substring(7).trim(), null);
            return safe(claims.identity());
        } catch (TokenException e) {
            throw HttpError.unauthorized();
        }
    }

    /** TURN REST usernames are "expiry:user": keep the user part to safe characters, no ':'. */
    private static String safe(String user) {
        String s = user.replaceAll("[^A-Za-z0-9_.@-]", "_");
        return s.length() > 64 ? s.substring(0, 64) : s;
    }
}
