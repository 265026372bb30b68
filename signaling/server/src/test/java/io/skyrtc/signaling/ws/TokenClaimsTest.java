package io.skyrtc.signaling.ws;

import static io.skyrtc.signaling.testing.WsClient.msg;
import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.databind.JsonNode;
import io.skyrtc.signaling.SkyrtcServer;
import io.skyrtc.signaling.testing.Api;
import io.skyrtc.signaling.testing.ServerFixture;
import io.skyrtc.signaling.testing.TestServers;
import io.skyrtc.signaling.testing.WsClient;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A room token's claims are input too, and what they say about the peer wins (issue 18 items 10-12). */
class TokenClaimsTest {
    @RegisterExtension
    final ServerFixture fx = new ServerFixture();

    private SkyrtcServer production() {
        return fx.use(TestServers.start(Map.of(
                "turn.urls", "[\"turn:127.0.0.1:3478?transport=udp\"]",
                "turn.secrets", "[\"turn-secret\"]",
                "turn.healthIntervalMs", "0")));
    }

    /** A correctly signed token for room "claims", shaped by {@code claims}. */
    private static String token(String sub, Consumer<com.auth0.jwt.JWTCreator.Builder> claims) {
        var b = JWT.create().withClaim("room", "claims")
                .withExpiresAt(Date.from(Instant.now().plusSeconds(600)));
        if (sub != null) {
            b.withSubject(sub);
        }
        claims.accept(b);
        return b.sign(Algorithm.HMAC256(TestServers.SECRET));
    }

    @Test
    void tokenNameIsTheDisplayNameAndTokenMetaReplacesTheClients() {
        SkyrtcServer server = production();
        WsClient watcher = fx.client(server);
        watcher.join("claims", token("watcher", b -> { }));

        String alice = token("alice", b -> b.withClaim("name", "Alice").withClaim("meta", Map.of("role", "player")));
        WsClient c = fx.client(server);
        c.send(msg("join", "room", "claims", "token", alice, "name", "Admin", "id", "j1"));
        JsonNode refused = c.expectError("invalid-field");
        assertThat(refused.get("message").asText()).startsWith("name: ").contains("\"Alice\"");
        assertThat(refused.get("ref").asText()).isEqualTo("j1");

        c.send(msg("join", "room", "claims", "token", alice, "meta", Map.of("role", "admin")));
        c.expect("welcome");
        JsonNode peer = watcher.expect("peer-joined").get("peer");
        assertThat(peer.get("name").asText()).isEqualTo("Alice");
        assertThat(peer.get("meta")).isEqualTo(WsClient.JSON.valueToTree(Map.of("role", "player")));

        // the same name as the token's is fine; a token without name or meta leaves the client's
        WsClient same = fx.client(server);
        same.send(msg("join", "room", "claims", "token", alice, "name", "Alice"));
        same.expect("welcome");
        watcher.expect("peer-joined");
        WsClient free = fx.client(server);
        free.send(msg("join", "room", "claims", "token", token("bob", b -> { }), "name", "Bob", "meta", Map.of("k", 1)));
        free.expect("welcome");
        JsonNode bob = watcher.expect("peer-joined").get("peer");
        assertThat(bob.get("name").asText()).isEqualTo("Bob");
        assertThat(bob.get("meta").get("k").asInt()).isEqualTo(1);

        // a token name that would be refused from a client is no better in a token
        WsClient bidi = fx.client(server);
        bidi.send(msg("join", "room", "claims", "token", token("eve", b -> b.withClaim("name", "\u202Enimda"))));
        bidi.expectError("token-invalid");
    }

    @Test
    void theTokenApiMintsNameAndMetaClaims() throws Exception {
        String key = "sk_claims";
        SkyrtcServer server = fx.use(TestServers.start(Map.of("auth.apiKeys",
                "[{\"name\":\"ops\",\"sha256\":\"" + io.skyrtc.signaling.auth.ApiKeys.sha256Hex(key) + "\"}]")));
        var bidi = Api.post(server.baseUri(), "/v1/tokens/room", key,
                "{\"room\":\"claims\",\"identity\":\"eve\",\"name\":\"\u202Enimda\"}");
        assertThat(bidi.statusCode()).as(bidi.body()).isEqualTo(400);
        var minted = Api.post(server.baseUri(), "/v1/tokens/room", key,
                "{\"room\":\"claims\",\"identity\":\"carol\",\"name\":\"Carol\",\"meta\":{\"team\":\"red\"}}");
        assertThat(minted.statusCode()).as(minted.body()).isEqualTo(200);
        WsClient watcher = fx.client(server);
        watcher.join("claims", token("watcher", b -> { }));
        WsClient carol = fx.client(server);
        carol.send(msg("join", "room", "claims", "token", WsClient.JSON.readTree(minted.body()).get("token").asText(),
                "meta", Map.of("team", "blue")));
        carol.expect("welcome");
        JsonNode peer = watcher.expect("peer-joined").get("peer");
        assertThat(peer.get("name").asText()).isEqualTo("Carol");
        assertThat(peer.get("meta").get("team").asText()).isEqualTo("red");
    }

    @Test
    void malformedClaimsAreTokenInvalidOnWebSocketAndHttp() throws Exception {
        SkyrtcServer server = production();
        String[] bad = {
                token("alice", b -> b.withClaim("grants", 5)),
                token("alice", b -> b.withClaim("grants", "all")),
                token("alice", b -> b.withClaim("grants", Map.of("canData", "false"))),
                token("", b -> { }),
                token("  ", b -> { }),
                token("alice", b -> b.withClaim("name", 7)),
                token("alice", b -> b.withClaim("meta", "x")),
        };
        WsClient c = fx.client(server);
        for (String t : bad) {
            c.send(msg("join", "room", "claims", "token", t, "id", "j"));
            assertThat(c.expectError("token-invalid").get("ref").asText()).isEqualTo("j");
            var http = Api.get(server.baseUri(), "/v1/turn/credentials", t);
            assertThat(http.statusCode()).as(http.body()).isEqualTo(401);
            assertThat(WsClient.JSON.readTree(http.body()).get("error").get("code").asText()).isEqualTo("unauthorized");
        }
        // the JWT library's and JSON parser's texts stay out of the messages
        c.send(msg("join", "room", "claims", "token", "eyJub3QiOiJqc29u.e30.x"));
        assertThat(c.expectError("token-invalid").get("message").asText()).isEqualTo("room token is not a well-formed JWT");
        c.send(msg("join", "room", "claims", "token", token("alice", b -> { }) + "x"));
        assertThat(c.expectError("token-invalid").get("message").asText()).isEqualTo("room token signature does not verify");
        assertThat(c.join("claims", token("alice", b -> b.withClaim("grants", Map.of("canData", false))))
                .get("grants").get("canData").asBoolean()).isFalse();
    }
}
