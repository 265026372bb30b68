package io.skyrtc.signaling.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.AlgorithmMismatchException;
import com.auth0.jwt.exceptions.IncorrectClaimException;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.auth0.jwt.exceptions.JWTDecodeException;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.exceptions.TokenExpiredException;
import com.auth0.jwt.interfaces.Claim;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.skyrtc.signaling.protocol.ErrorCode;
import io.skyrtc.signaling.protocol.ServerMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * HS256 join tokens. Claims: {@code room}, {@code sub} (identity), {@code name}, {@code meta}, {@code exp},
 * {@code nbf}, {@code iat} and {@code grants {canPublish, canSubscribe, canData}}.
 */
public final class RoomTokens {
    /** Clock skew tolerated on exp/nbf, in seconds. */
    static final long LEEWAY_SECONDS = 5;

    private static final ObjectMapper TREES = new ObjectMapper();

    private final Algorithm algorithm;
    private final JWTVerifier verifier;
    private final Clock clock;

    public RoomTokens(String secret, Clock clock) {
        this.algorithm = Algorithm.HMAC256(secret.getBytes(StandardCharsets.UTF_8));
        this.clock = clock;
        this.verifier = ((JWTVerifier.BaseVerification) JWT.require(algorithm).acceptLeeway(LEEWAY_SECONDS))
                .build(clock);
    }

    /** A minted token and the instant its {@code exp} claim names. */
    public record Issued(String token, Instant expiresAt) {}

    public Issued issue(String room, String identity, String name, long ttlSeconds, ServerMessage.Grants grants) {
        return issue(room, identity, name, ttlSeconds, grants, null);
    }

    /** A token that also fixes the peer's {@code meta} object (null: none, the client's own is used). */
    public Issued issue(String room, String identity, String name, long ttlSeconds, ServerMessage.Grants grants,
                        JsonNode meta) {
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Instant expiresAt = now.plusSeconds(ttlSeconds);
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("canPublish", grants.canPublish());
        g.put("canSubscribe", grants.canSubscribe());
        g.put("canData", grants.canData());
        var builder = JWT.create()
                .withSubject(identity)
                .withClaim("room", room)
                .withIssuedAt(Date.from(now))
                .withNotBefore(Date.from(now))
                .withExpiresAt(Date.from(expiresAt))
                .withClaim("grants", g);
        if (name != null) {
            builder.withClaim("name", name);
        }
        if (meta != null && meta.isObject()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = TREES.convertValue(meta, Map.class);
            builder.withClaim("meta", m);
        }
        return new Issued(builder.sign(algorithm), expiresAt);
    }

    /**
     * Verifies signature, time window and room ({@code room} null = any room); never trusts anything
     * before the signature checks.
     */
    public RoomTokenClaims verify(String token, String room) throws TokenException {
        DecodedJWT jwt;
        try {
            jwt = verifier.verify(token);
        } catch (TokenExpiredException e) {
            throw new TokenException(ErrorCode.TOKEN_EXPIRED, "room token expired");
        } catch (IncorrectClaimException e) {
            throw new TokenException(ErrorCode.TOKEN_INVALID, "room token not valid yet or has a bad claim: "
                    + e.getClaimName());
        } catch (SignatureVerificationException e) {
            throw invalid("signature does not verify");
        } catch (AlgorithmMismatchException e) {
            throw invalid("must be signed HS256");
        } catch (JWTDecodeException e) {
            // the library's text quotes the token and the JSON parser: ours names the problem only
            throw invalid("is not a well-formed JWT");
        } catch (JWTVerificationException e) {
            throw invalid("is not valid");
        } catch (RuntimeException e) {
            // a library failure on hostile bytes is still a bad token, not a server error
            throw invalid("is malformed");
        }
        String tokenRoom = jwt.getClaim("room").asString();
        if (tokenRoom == null || tokenRoom.isEmpty() || jwt.getSubject() == null || jwt.getSubject().isBlank()
                || jwt.getExpiresAtAsInstant() == null) {  // not getExpiresAt(): a far exp overflows Date
            throw invalid("must carry a non-empty room and sub, and exp");
        }
        if (room != null && !tokenRoom.equals(room)) {
            throw new TokenException(ErrorCode.TOKEN_ROOM_MISMATCH, "room token is for another room");
        }
        return new RoomTokenClaims(tokenRoom, jwt.getSubject(), optionalString(jwt.getClaim("name"), "name"),
                jwt.getExpiresAtAsInstant(), grants(jwt.getClaim("grants")), meta(jwt.getClaim("meta")));
    }

    /**
     * A signed token is still input: each claim must have the documented shape, or the token is
     * invalid (a grants claim of 5 once went unanswered, a string "false" counted as true).
     */
    private static ServerMessage.Grants grants(Claim claim) throws TokenException {
        if (claim.isMissing() || claim.isNull()) {
            return ServerMessage.Grants.ALL;
        }
        Map<String, Object> g = object(claim, "grants");
        return new ServerMessage.Grants(flag(g, "canPublish"), flag(g, "canSubscribe"), flag(g, "canData"));
    }

    private static JsonNode meta(Claim claim) throws TokenException {
        if (claim.isMissing() || claim.isNull()) {
            return null;
        }
        return TREES.valueToTree(object(claim, "meta"));
    }

    private static Map<String, Object> object(Claim claim, String name) throws TokenException {
        Map<String, Object> map;
        try {
            map = claim.asMap();
        } catch (JWTDecodeException e) {
            map = null;
        }
        if (map == null) {
            throw invalid(name + " must be a JSON object");
        }
        return map;
    }

    private static String optionalString(Claim claim, String name) throws TokenException {
        if (claim.isMissing() || claim.isNull()) {
            return null;
        }
        String s = claim.asString();
        if (s == null) {
            throw invalid(name + " must be a string");
        }
        return s;
    }

    private static TokenException invalid(String why) {
        return new TokenException(ErrorCode.TOKEN_INVALID, "room token " + why);
    }

    /** Absent grants default to allowed; only an explicit false takes a right away; not a boolean is invalid. */
    private static boolean flag(Map<String, Object> grants, String key) throws TokenException {
        Object v = grants.get(key);
        if (v != null && !(v instanceof Boolean)) {
            throw invalid("grants." + key + " must be true or false");
        }
        return !Boolean.FALSE.equals(v);
    }
}
