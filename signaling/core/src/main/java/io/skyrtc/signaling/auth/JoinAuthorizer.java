package io.skyrtc.signaling.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.skyrtc.signaling.protocol.ClientMessage;
import io.skyrtc.signaling.protocol.DisplayNames;
import io.skyrtc.signaling.protocol.ErrorCode;
import io.skyrtc.signaling.protocol.ProtocolLimits;
import io.skyrtc.signaling.protocol.ServerMessage;
import java.time.Instant;

/**
 * Decides who a join is. Production: a valid room token for the named room is required. Dev mode:
 * a token is optional, but one that is given must still be valid. What a token says about the peer
 * wins over what the client says: its {@code name} is the display name (a different {@code join.name}
 * is refused) and its {@code meta} replaces the client's.
 */
public final class JoinAuthorizer {
    /**
     * The verified identity and rights a join proceeds with, the join as the room must see it (name
     * and meta from the token when it has them), when the room token expires (null: no token), and the
     * token's {@code meta} claim (null: none), whose keys an {@code update} cannot change.
     */
    public record Authorized(String identity, ServerMessage.Grants grants, ClientMessage.Join join,
                             Instant tokenExpiresAt, JsonNode tokenMeta) {}

    private final RoomTokens tokens;
    private final boolean dev;
    private final int maxNameChars;

    public JoinAuthorizer(RoomTokens tokens, boolean dev) {
        this(tokens, dev, ProtocolLimits.DEFAULTS.maxNameChars());
    }

    public JoinAuthorizer(RoomTokens tokens, boolean dev, int maxNameChars) {
        this.tokens = tokens;
        this.dev = dev;
        this.maxNameChars = maxNameChars;
    }

    public Authorized authorize(ClientMessage.Join join) throws TokenException {
        if (join.token() == null || join.token().isEmpty()) {
            if (dev) {
                return new Authorized(null, ServerMessage.Grants.ALL, join, null, null);
            }
            throw new TokenException(ErrorCode.TOKEN_REQUIRED, "a room token is required to join");
        }
        RoomTokenClaims claims = tokens.verify(join.token(), join.room());
        String name = join.name();
        if (claims.name() != null) {
            String problem = DisplayNames.problem(claims.name(), maxNameChars);
            if (problem != null) {
                throw new TokenException(ErrorCode.TOKEN_INVALID, "room token name " + problem);
            }
            if (name != null && !name.equals(claims.name())) {
                throw new TokenException(ErrorCode.INVALID_FIELD,
                        "name: the room token sets the display name; send \"" + claims.name() + "\" or no name");
            }
            name = claims.name();
        }
        JsonNode meta = claims.meta() != null ? claims.meta() : join.meta();
        ClientMessage.Join effective = new ClientMessage.Join(join.id(), join.room(), name, join.token(),
                join.resume(), meta, join.received());
        return new Authorized(claims.identity(), claims.grants(), effective, claims.expiresAt(), claims.meta());
    }
}
