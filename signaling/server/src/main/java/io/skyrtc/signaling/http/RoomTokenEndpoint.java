package io.skyrtc.signaling.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.skyrtc.signaling.auth.RoomTokens;
import io.skyrtc.signaling.protocol.DisplayNames;
import io.skyrtc.signaling.protocol.ServerMessage;

/** {@code POST /v1/tokens/room}: mints a join token for one identity in one room. */
public final class RoomTokenEndpoint implements HttpEndpoint {

    /**
     * Request body; {@code name}, {@code meta}, {@code ttlSeconds} and {@code grants} are optional. A
     * name or meta given here is what the peer shows, whatever its join says.
     */
    public record Request(String room, String identity, String name, Long ttlSeconds, GrantsRequest grants,
                          JsonNode meta) {}

    /** The grants asked for; one left out (or null) is granted, as in the token itself: only false takes a right away. */
    public record GrantsRequest(Boolean canPublish, Boolean canSubscribe, Boolean canData) {
        ServerMessage.Grants resolve() {
            return new ServerMessage.Grants(!Boolean.FALSE.equals(canPublish), !Boolean.FALSE.equals(canSubscribe),
                    !Boolean.FALSE.equals(canData));
        }
    }

    /** {@code expiresAt} is ISO-8601 UTC, the same instant as the token's {@code exp}. */
    public record Reply(String token, String expiresAt, String room, String identity) {}

    private final RoomTokens tokens;
    private final long defaultTtl;
    private final long maxTtl;
    private final int maxRoomChars;

    public RoomTokenEndpoint(RoomTokens tokens, long defaultTtl, long maxTtl, int maxRoomChars) {
        this.tokens = tokens;
        this.defaultTtl = defaultTtl;
        this.maxTtl = maxTtl;
        this.maxRoomChars = maxRoomChars;
    }

    @Override
    public Object handle(HttpCall call) throws HttpError {
        call.requireScope("room");
        Request r = call.bodyAs(Request.class);
        if (r.room() == null || r.room().isEmpty() || r.room().length() > maxRoomChars
                || !r.room().matches("[A-Za-z0-9_.~-]+")) {
            throw HttpError.badRequest("room", "1-" + maxRoomChars + " characters of A-Z a-z 0-9 _ . ~ -");
        }
        if (r.identity() == null || r.identity().isBlank() || r.identity().length() > 128) {
            throw HttpError.badRequest("identity", "required, 1-128 characters");
        }
        if (r.name() != null && DisplayNames.problem(r.name(), 64) != null) {
            throw HttpError.badRequest("name", DisplayNames.problem(r.name(), 64) + " (" + DisplayNames.rule(64) + ")");
        }
        if (r.meta() != null && !r.meta().isNull() && !r.meta().isObject()) {
            throw HttpError.badRequest("meta", "a JSON object when given");
        }
        long ttl = call.ttl(r.ttlSeconds(), defaultTtl, maxTtl);
        ServerMessage.Grants grants = r.grants() == null ? ServerMessage.Grants.ALL : r.grants().resolve();
        RoomTokens.Issued issued = tokens.issue(r.room(), r.identity(), r.name(), ttl, grants, r.meta());
        return new Reply(issued.token(), issued.expiresAt().toString(), r.room(), r.identity());
    }
}
