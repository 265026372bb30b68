package io.skyrtc.turn;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Ephemeral TURN credentials for coturn's {@code use-auth-secret} (the TURN REST API draft):
 * username {@code "<unix expiry>:<user>"}, password {@code base64(HMAC-SHA1(secret, username))}.
 * Several secrets allow rotation: the first signs, all verify (configure coturn with every one as
 * {@code static-auth-secret} while rotating).
 */
public final class TurnRestCredentials {
    public static final Duration DEFAULT_TTL = Duration.ofHours(4);
    public static final Duration MAX_TTL = Duration.ofHours(24);

    private final List<String> secrets;
    private final Clock clock;

    public TurnRestCredentials(List<String> secrets, Clock clock) {
        if (secrets.isEmpty() || secrets.stream().anyMatch(s -> s == null || s.isEmpty())) {
            throw new IllegalArgumentException("secrets: at least one non-empty TURN REST secret is required");
        }
        this.secrets = List.copyOf(secrets);
        this.clock = clock;
    }

    /** A credential for {@code user} (any text without ':'), valid for {@code ttl} (1 s .. 24 h). */
    public Credential issue(String user, Duration ttl) {
        if (ttl.compareTo(Duration.ofSeconds(1)) < 0 || ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException("ttl: between 1 s and " + MAX_TTL.toHours() + " h");
        }
        if (user == null || user.isEmpty() || user.indexOf(':') >= 0 || user.length() > 128) {
            throw new IllegalArgumentException("user: 1-128 characters without ':'");
        }
        Instant expiresAt = Instant.ofEpochSecond(clock.instant().getEpochSecond()).plus(ttl);
        String username = expiresAt.getEpochSecond() + ":" + user;
        return new Credential(username, password(secrets.get(0), username), expiresAt);
    }

    /** True if {@code password} matches {@code username} under any configured secret and has not expired. */
    public boolean verify(String username, String password) {
        int colon = username.indexOf(':');
        long expiry;
        try {
            expiry = Long.parseLong(colon < 0 ? username : username.substring(0, colon));
        } catch (NumberFormatException e) {
            return false;
        }
        boolean match = false;
        for (String secret : secrets) {
            match |= MessageDigest.isEqual(password(secret, username).getBytes(StandardCharsets.US_ASCII),
                    password.getBytes(StandardCharsets.US_ASCII));
        }
        return match && clock.instant().getEpochSecond() <= expiry;
    }

    public static String password(String secret, String username) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is not available", e);
        }
    }

    /** One issued credential. */
    public record Credential(String username, String password, Instant expiresAt) {
        /** Seconds left at {@code now}, as the REST draft's {@code ttl}. */
        public long ttlSeconds(Instant now) {
            return Math.max(0, expiresAt.getEpochSecond() - now.getEpochSecond());
        }
    }
}
