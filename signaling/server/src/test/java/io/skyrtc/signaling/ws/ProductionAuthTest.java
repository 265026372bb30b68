package io.skyrtc.signaling.ws;

import static io.skyrtc.signaling.testing.WsClient.msg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import io.skyrtc.signaling.SkyrtcServer;
import io.skyrtc.signaling.protocol.ServerMessage;
import io.skyrtc.signaling.testing.ServerFixture;
import io.skyrtc.signaling.testing.TestServers;
import io.skyrtc.signaling.testing.WsClient;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Production mode: joins need a valid HS256 room token for the named room. */
class ProductionAuthTest {
    private SkyrtcServer server;
    @RegisterExtension
    final ServerFixture fx = new ServerFixture();

    @BeforeEach
    void start() {
        server = fx.use(TestServers.start(Map.of("server.allowedOrigins", "https://game.example")));
    }

    private WsClient client() {
        return fx.client(server);
    }

    private String token(String room, long ttl) {
        return server.roomTokens().issue(room, "alice", null, ttl, ServerMessage.Grants.ALL).token();
    }

    @Test
    void validTokenJoinsWithItsIdentity() {
        WsClient c = client();
        var w = c.join("match-1", token("match-1", 60));
        assertThat(w.get("grants").get("canData").asBoolean()).isTrue();
    }

    @Test
    void missingExpiredWrongRoomAndForgedTokensAreRefused() {
        WsClient c = client();
        c.send(msg("join", "room", "match-1", "id", "j"));
        assertThat(c.expectError("token-required").get("ref").asText()).isEqualTo("j");

        c.send(msg("join", "room", "match-1", "token", token("match-2", 60)));
        c.expectError("token-room-mismatch");

        String expired = JWT.create().withSubject("alice").withClaim("room", "match-1")
                .withExpiresAt(Date.from(Instant.now().minusSeconds(60)))
                .sign(Algorithm.HMAC256(TestServers.SECRET));
        c.send(msg("join", "room", "match-1", "token", expired));
        c.expectError("token-expired");

        String forged = JWT.create().withSubject("alice").withClaim("room", "match-1")
                .withExpiresAt(Date.from(Instant.now().plusSeconds(60)))
                .sign(Algorithm.HMAC256("another-secret-another-secret-another-secret"));
        c.send(msg("join", "room", "match-1", "token", forged));
        c.expectError("token-invalid");

        String notYet = JWT.create().withSubject("alice").withClaim("room", "match-1")
                .withNotBefore(Date.from(Instant.now().plusSeconds(600)))
                .withExpiresAt(Date.from(Instant.now().plusSeconds(900)))
                .sign(Algorithm.HMAC256(TestServers.SECRET));
        c.send(msg("join", "room", "match-1", "token", notYet));
        c.expectError("token-invalid");

        c.send(msg("join", "room", "match-1", "token", "not.a.jwt"));
        c.expectError("token-invalid");
        // after all refusals the socket can still join properly
        assertThat(c.join("match-1", token("match-1", 60)).get("peerId").asText()).startsWith("p_");
    }

    @Test
    void grantsAreEnforced() {
        String noData = server.roomTokens().issue("g", "bob", null, 60,
                new ServerMessage.Grants(true, true, false)).token();
        WsClient c = client();
        assertThat(c.join("g", noData).get("grants").get("canData").asBoolean()).isFalse();
        c.send(msg("data", "payload", "x", "id", "d"));
        assertThat(c.expectError("forbidden").get("ref").asText()).isEqualTo("d");
    }

    @Test
    void browserOriginsMustBeAllowed() {
        WsClient ok = WsClient.connect(server.baseUri(), "https://game.example");
        fx.track(ok);
        ok.send(msg("ping"));
        ok.expect("pong");
        assertThatThrownBy(() -> WsClient.connect(server.baseUri(), "https://evil.example"))
                .hasStackTraceContaining("403");
    }
}
