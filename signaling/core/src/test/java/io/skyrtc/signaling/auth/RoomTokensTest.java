package io.skyrtc.signaling.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.skyrtc.signaling.protocol.ErrorCode;
import io.skyrtc.signaling.protocol.ServerMessage;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Room tokens minted and verified in-process, at the edges of their time window and room. */
class RoomTokensTest {
    static final String SECRET = "0123456789abcdef0123456789abcdef";
    static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");

    static RoomTokens at(Instant t) {
        return new RoomTokens(SECRET, Clock.fixed(t, ZoneOffset.UTC));
    }

    static TokenException refused(RoomTokens tokens, String token, String room) {
        try {
            tokens.verify(token, room);
        } catch (TokenException e) {
            return e;
        }
        throw new AssertionError("the token was accepted");
    }

    @Test
    void aMintedTokenVerifiesWithItsClaims() throws Exception {
        var meta = new ObjectMapper().createObjectNode().put("team", "red");
        RoomTokens.Issued issued = at(NOW).issue("lobby", "u42", "Alice", 600,
                new ServerMessage.Grants(true, false, true), meta);
        assertThat(issued.expiresAt()).isEqualTo(NOW.plusSeconds(600));
        RoomTokenClaims claims = at(NOW.plusSeconds(599)).verify(issued.token(), "lobby");
        assertThat(claims.room()).isEqualTo("lobby");
        assertThat(claims.identity()).isEqualTo("u42");
        assertThat(claims.name()).isEqualTo("Alice");
        assertThat(claims.expiresAt()).isEqualTo(NOW.plusSeconds(600));
        assertThat(claims.grants()).isEqualTo(new ServerMessage.Grants(true, false, true));
        assertThat(claims.meta().path("team").asText()).isEqualTo("red");
        assertThat(at(NOW).verify(issued.token(), null).room()).isEqualTo("lobby");  // null = any room
    }

    /** Clock skew: a token is accepted for less than LEEWAY_SECONDS past its exp, and not at exp + leeway. */
    @Test
    void expiryHasItsLeewayAndNotASecondMore() throws Exception {
        String token = at(NOW).issue("r", "u", null, 60, ServerMessage.Grants.ALL).token();
        at(NOW.plusSeconds(60 + RoomTokens.LEEWAY_SECONDS - 1)).verify(token, "r");
        assertThat(refused(at(NOW.plusSeconds(60 + RoomTokens.LEEWAY_SECONDS)), token, "r").code())
                .isEqualTo(ErrorCode.TOKEN_EXPIRED);
    }

    @Test
    void aTokenIsNotValidBeforeItWasIssuedBeyondTheLeeway() {
        String token = at(NOW).issue("r", "u", null, 60, ServerMessage.Grants.ALL).token();
        TokenException e = refused(at(NOW.minusSeconds(RoomTokens.LEEWAY_SECONDS + 1)), token, "r");
        assertThat(e.code()).isEqualTo(ErrorCode.TOKEN_INVALID);
    }

    @Test
    void anotherRoomAnotherSecretOrGarbageIsRefusedWithItsOwnCode() {
        String token = at(NOW).issue("r", "u", null, 60, ServerMessage.Grants.ALL).token();
        assertThat(refused(at(NOW), token, "other").code()).isEqualTo(ErrorCode.TOKEN_ROOM_MISMATCH);
        RoomTokens otherSecret = new RoomTokens("another-secret-another-secret-0123", Clock.fixed(NOW, ZoneOffset.UTC));
        TokenException bad = refused(otherSecret, token, "r");
        assertThat(bad.code()).isEqualTo(ErrorCode.TOKEN_INVALID);
        assertThat(bad.getMessage()).isEqualTo("room token signature does not verify");
        TokenException garbage = refused(at(NOW), "not.a.jwt", "r");
        assertThat(garbage.code()).isEqualTo(ErrorCode.TOKEN_INVALID);
        assertThat(garbage.getMessage()).doesNotContain("not.a.jwt");
    }

    @Test
    void absentGrantsMeanEverythingAndNoNameMeansTheClientsOwn() throws Exception {
        String token = at(NOW).issue("r", "u", null, 60, ServerMessage.Grants.ALL).token();
        RoomTokenClaims claims = at(NOW).verify(token, "r");
        assertThat(claims.grants()).isEqualTo(ServerMessage.Grants.ALL);
        assertThat(claims.name()).isNull();
        assertThat(claims.meta()).isNull();
    }

    @Test
    void anEmptyTokenIsRefused() {
        assertThatThrownBy(() -> at(NOW).verify("", "r")).isInstanceOf(TokenException.class);
    }
}
