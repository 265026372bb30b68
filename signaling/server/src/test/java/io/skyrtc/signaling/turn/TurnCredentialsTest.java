package io.skyrtc.signaling.turn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.skyrtc.signaling.SkyrtcServer;
import io.skyrtc.signaling.auth.ApiKeys;
import io.skyrtc.signaling.protocol.ServerMessage;
import io.skyrtc.signaling.testing.ServerFixture;
import io.skyrtc.signaling.testing.TestServers;
import io.skyrtc.turn.TurnRestCredentials;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** welcome.iceServers and GET /v1/turn/credentials carry fresh coturn REST credentials. */
class TurnCredentialsTest {
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();
    static final String TURN_KEY = "sk_turn", TOKENS_ONLY = "sk_tokens";

    @RegisterExtension
    final ServerFixture fx = new ServerFixture();

    SkyrtcServer server(boolean withTurn) {
        var o = new java.util.HashMap<String, String>(Map.of(
                "ice.servers", "[{\"urls\":[\"stun:stun.example.com:3478\"]}]",
                "auth.apiKeys", "[{\"name\":\"t\",\"sha256\":\"" + ApiKeys.sha256Hex(TURN_KEY) + "\",\"scopes\":[\"turn\"]},"
                        + "{\"name\":\"r\",\"sha256\":\"" + ApiKeys.sha256Hex(TOKENS_ONLY) + "\",\"scopes\":[\"room\"]}]"));
        if (withTurn) {
            o.put("turn.urls", "[\"turn:127.0.0.1:3478?transport=udp\",\"turns:turn.example.com:5349\"]");
            o.put("turn.secrets", "[\"new-secret\",\"old-secret\"]");
            o.put("turn.ttlSeconds", "600");
            o.put("turn.healthIntervalMs", "0");  // nothing listens on these URLs; health has its own test
        }
        return fx.use(TestServers.start(o));
    }

    HttpResponse<String> get(SkyrtcServer s, String bearer) throws Exception {
        return io.skyrtc.signaling.testing.Api.get(s.baseUri(), "/v1/turn/credentials", bearer);
    }

    @Test
    void welcomeCarriesStaticServersAndAFreshTurnCredentialPerPeer() {
        SkyrtcServer s = server(true);
        String token = s.roomTokens().issue("r1", "alice", null, 600, ServerMessage.Grants.ALL).token();
        JsonNode welcome = fx.client(s).join("r1", token);
        JsonNode ice = welcome.get("iceServers");
        assertThat(ice).hasSize(2);
        assertThat(ice.get(0).get("urls").get(0).asText()).isEqualTo("stun:stun.example.com:3478");
        JsonNode turn = ice.get(1);
        String username = turn.get("username").asText();
        assertThat(username).endsWith(":" + welcome.get("peerId").asText());
        long expiry = Long.parseLong(username.substring(0, username.indexOf(':')));
        assertThat(expiry).isBetween(Instant.now().getEpochSecond() + 590, Instant.now().getEpochSecond() + 601);
        var coturn = new TurnRestCredentials(List.of("new-secret"), Clock.systemUTC());
        assertThat(coturn.verify(username, turn.get("credential").asText())).isTrue();
        assertThat(new TurnRestCredentials(List.of("old-secret"), Clock.systemUTC())
                .verify(username, turn.get("credential").asText())).isFalse(); // the first secret signs
    }

    @Test
    void credentialsEndpointTakesATurnScopedKeyOrARoomToken() throws Exception {
        SkyrtcServer s = server(true);
        var byKey = get(s, TURN_KEY);
        assertThat(byKey.statusCode()).as(byKey.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(byKey.body());
        assertThat(body.get("rest").get("ttl").asLong()).isBetween(599L, 600L);
        assertThat(body.get("rest").get("uris")).hasSize(2);
        assertThat(body.get("rest").get("username").asText()).endsWith(":key-t");
        assertThat(body.get("iceServers")).hasSize(2);

        String token = s.roomTokens().issue("r1", "bob:the:builder", null, 600, ServerMessage.Grants.ALL).token();
        var byToken = get(s, token);
        assertThat(byToken.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(byToken.body()).get("rest").get("username").asText()).endsWith(":bob_the_builder");

        assertThat(get(s, null).statusCode()).isEqualTo(401);
        assertThat(get(s, "not-a-key-nor-a-token").statusCode()).isEqualTo(401);
        assertThat(get(s, TOKENS_ONLY).statusCode()).isEqualTo(403);
    }

    @Test
    void withoutTurnTheWelcomeHasOnlyStaticServersAndTheEndpointSays404() throws Exception {
        SkyrtcServer s = server(false);
        assertThat(fx.client(s).join("r", s.roomTokens().issue("r", "a", null, 60, ServerMessage.Grants.ALL).token())
                .get("iceServers")).hasSize(1);
        var r = get(s, TURN_KEY);
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(r.body()).get("error").get("code").asText()).isEqualTo("not-configured");
    }
}
