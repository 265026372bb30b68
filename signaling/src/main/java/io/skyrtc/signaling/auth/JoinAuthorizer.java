package io.skyrtc.signaling.auth;

import io.skyrtc.signaling.protocol.ClientMessage;
import io.skyrtc.signaling.protocol.ErrorCode;
import io.skyrtc.signaling.protocol.ServerMessage;

/**
 * Decides who a join is. Production: a valid room token for the named room is required. Dev mode:
 * a token is optional, but one that is given must still be valid.
 */
public final class JoinAuthorizer {
    /** The verified identity and rights a join proceeds with. */
    public record Authorized(String identity, ServerMessage.Grants grants) {}

    private static final Authorized DEV_GUEST = new Authorized(null, ServerMessage.Grants.ALL);

    private final RoomTokens tokens;
    private final boolean dev;

    public JoinAuthorizer(RoomTokens tokens, boolean dev) {
        this.tokens = tokens;
        this.dev = dev;
    }

    public Authorized authorize(ClientMessage.Join join) throws TokenException {
        if (join.token() == null || join.token().isEmpty()) {
            if (dev) {
                return DEV_GUEST;
            }
            throw new TokenException(ErrorCode.TOKEN_REQUIRED, "a room token is required to join");
        }
        RoomTokenClaims claims = tokens.verify(join.token(), join.room());
        return new Authorized(claims.identity(), claims.grants());
    }
}
