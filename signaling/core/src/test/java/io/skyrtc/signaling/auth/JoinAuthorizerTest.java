package io.skyrtc.signaling.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skyrtc.signaling.protocol.ClientMessage;
import io.skyrtc.signaling.protocol.ErrorCode;
import io.skyrtc.signaling.protocol.ProtocolCodec;
import io.skyrtc.signaling.protocol.ProtocolLimits;
import io.skyrtc.signaling.protocol.ServerMessage;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** Who a join is, in production and in dev mode; what the token says wins over what the client says. */
class JoinAuthorizerTest {
    static final ProtocolCodec CODEC = new ProtocolCodec(ProtocolLimits.DEFAULTS);
    static final RoomTokens TOKENS = new RoomTokens(RoomTokensTest.SECRET, Clock.systemUTC());

    static ClientMessage.Join join(String room, String name, String token) throws Exception {
        return (ClientMessage.Join) CODEC.decode("{\"type\":\"join\",\"room\":\"" + room + "\""
                + (name == null ? "" : ",\"name\":\"" + name + "\"")
                + (token == null ? "" : ",\"token\":\"" + token + "\"")
                + ",\"meta\":{\"client\":true}}");
    }

    static String token(String room, String name) {
        return TOKENS.issue(room, "u7", name, 600, new ServerMessage.Grants(true, true, false)).token();
    }

    @Test
    void productionNeedsAToken() {
        var prod = new JoinAuthorizer(TOKENS, false);
        assertThatThrownBy(() -> prod.authorize(join("r", "a", null)))
                .isInstanceOfSatisfying(TokenException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TOKEN_REQUIRED));
    }

    @Test
    void devModeAcceptsNoTokenWithEveryGrantButStillChecksAGivenOne() throws Exception {
        var dev = new JoinAuthorizer(TOKENS, true);
        JoinAuthorizer.Authorized a = dev.authorize(join("r", "a", null));
        assertThat(a.identity()).isNull();
        assertThat(a.grants()).isEqualTo(ServerMessage.Grants.ALL);
        assertThat(a.tokenExpiresAt()).isNull();
        assertThat(a.join().name()).isEqualTo("a");
        assertThatThrownBy(() -> dev.authorize(join("r", "a", "forged")))
                .isInstanceOfSatisfying(TokenException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TOKEN_INVALID));
    }

    @Test
    void theTokensIdentityGrantsNameAndExpiryWin() throws Exception {
        var prod = new JoinAuthorizer(TOKENS, false);
        JoinAuthorizer.Authorized a = prod.authorize(join("r", null, token("r", "Alice")));
        assertThat(a.identity()).isEqualTo("u7");
        assertThat(a.grants()).isEqualTo(new ServerMessage.Grants(true, true, false));
        assertThat(a.join().name()).isEqualTo("Alice");
        assertThat(a.join().meta().path("client").asBoolean()).isTrue();  // no meta claim: the client's own
        assertThat(a.tokenExpiresAt()).isNotNull();
        assertThat(prod.authorize(join("r", "Alice", token("r", "Alice"))).join().name()).isEqualTo("Alice");
    }

    @Test
    void aDifferentNameThanTheTokensIsRefused() {
        var prod = new JoinAuthorizer(TOKENS, false);
        assertThatThrownBy(() -> prod.authorize(join("r", "Mallory", token("r", "Alice"))))
                .isInstanceOfSatisfying(TokenException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_FIELD);
                    assertThat(e.getMessage()).contains("\"Alice\"");
                });
    }

    @Test
    void aTokenForAnotherRoomIsRefused() {
        var prod = new JoinAuthorizer(TOKENS, false);
        assertThatThrownBy(() -> prod.authorize(join("r2", null, token("r1", null))))
                .isInstanceOfSatisfying(TokenException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.TOKEN_ROOM_MISMATCH));
    }

    @Test
    void aTokenNameLongerThanTheLimitIsAnInvalidToken() {
        var prod = new JoinAuthorizer(TOKENS, false, 5);
        assertThatThrownBy(() -> prod.authorize(join("r", null, token("r", "Sixsix"))))
                .isInstanceOfSatisfying(TokenException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TOKEN_INVALID));
        assertThat(catchName(prod, "Five5")).isEqualTo("Five5");
    }

    private static String catchName(JoinAuthorizer a, String name) {
        try {
            return a.authorize(join("r", null, token("r", name))).join().name();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
