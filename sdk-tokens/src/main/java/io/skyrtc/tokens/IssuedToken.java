package io.skyrtc.tokens;

import java.time.Instant;

/** A freshly built token with the absolute times an API hands back to clients. */
public record IssuedToken(String token, Instant issuedAt, Instant expiresAt) {
}
