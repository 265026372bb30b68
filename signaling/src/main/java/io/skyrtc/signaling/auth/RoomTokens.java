package io.skyrtc.signaling.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.IncorrectClaimException;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.exceptions.TokenExpiredException;
import com.auth0.jwt.interfaces.Claim;
import com.auth0.jwt.interfaces.DecodedJWT;
import io.skyrtc.signaling.protocol.ErrorCode;
import io.skyrtc.signaling.protocol.ServerMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * HS256 join tokens. Claims: {@code room}, {@code sub} (identity), {@code name}, {@code exp},
 * {@code nbf}, {@code iat} and {@code grants {canPublish, canSubscribe, canData}}.
 */
public final class RoomTokens {
    /** Clock skew tolerated on exp/nbf, in seconds. */
    static final long LEEWAY_SECONDS = 5;

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
        } catch (JWTVerificationException e) {
            throw new TokenException(ErrorCode.TOKEN_INVALID, "room token invalid: " + e.getMessage());
        }
        String tokenRoom = jwt.getClaim("room").asString();
        if (tokenRoom == null || jwt.getSubject() == null || jwt.getExpiresAt() == null) {
            throw new TokenException(ErrorCode.TOKEN_INVALID, "room token must carry room, sub and exp");
        }
        if (room != null && !tokenRoom.equals(room)) {
            throw new TokenException(ErrorCode.TOKEN_ROOM_MISMATCH, "room token is for another room");
        }
        Claim grants = jwt.getClaim("grants");
        Map<String, Object> g = grants.isMissing() || grants.isNull() ? Map.of() : grants.asMap();
        return new RoomTokenClaims(tokenRoom, jwt.getSubject(), jwt.getClaim("name").asString(),
                jwt.getExpiresAtAsInstant(),
                new ServerMessage.Grants(flag(g, "canPublish"), flag(g, "canSubscribe"), flag(g, "canData")));
    }

    /** Absent grants default to allowed; only an explicit false takes a right away. */
    private static boolean flag(Map<String, Object> grants, String key) {
        return !Boolean.FALSE.equals(grants.get(key));
    }
}
