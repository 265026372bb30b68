package io.skyrtc.signaling.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Room tokens as any client may present them: {@link RoomTokens#verify} yields claims or throws
 * {@link TokenException} with an error code, nothing else. Accepted claims are complete (room,
 * identity, expiry), for the room asked about, and not expired. Input = the token; a first line, when
 * present, is the room to check ("" = any room). Seeds are tokens signed with {@link #SECRET}.
 * {@code finding-nbf-out-of-instant-range} (an {@code nbf} beyond Instant's range, no secret needed) once
 * escaped RoomTokens.verify as DateTimeException.
 */
class RoomTokensFuzzTest {
    static final String SECRET = "fuzz-secret-0123456789abcdef0123456789";
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    static final RoomTokens TOKENS = new RoomTokens(SECRET, CLOCK);

    @FuzzTest
    void verifyGivesCompleteClaimsOrTokenException(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        int nl = text.indexOf('\n');
        String room = nl < 0 || nl == 0 ? null : text.substring(0, nl);
        check(nl < 0 ? text : text.substring(nl + 1), room);
    }

    /** Shared with {@link RoomTokenClaimsFuzzTest}. */
    static void check(String token, String room) {
        RoomTokenClaims claims;
        try {
            claims = TOKENS.verify(token, room);
        } catch (TokenException refused) {
            assertThat(refused.code()).isNotNull();
            assertThat(refused.getMessage()).isNotBlank();
            return;
        }
        assertThat(claims.room()).isNotNull();
        if (room != null) {
            assertThat(claims.room()).isEqualTo(room);
        }
        assertThat(claims.identity()).isNotNull();
        assertThat(claims.grants()).isNotNull();
        assertThat(claims.expiresAt()).isAfterOrEqualTo(CLOCK.instant().minusSeconds(RoomTokens.LEEWAY_SECONDS));
    }
}
