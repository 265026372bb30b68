package io.skyrtc.signaling.admin;

import static io.skyrtc.signaling.testing.WsClient.msg;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.skyrtc.signaling.SkyrtcServer;
import io.skyrtc.signaling.auth.ApiKeys;
import io.skyrtc.signaling.testing.Api;
import io.skyrtc.signaling.testing.ServerFixture;
import io.skyrtc.signaling.testing.TestServers;
import io.skyrtc.signaling.testing.WsClient;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The actor core's commands as an operator's HTTP API, against real WebSocket peers. */
class AdminApiTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ADMIN = "admin-key-0123456789abcdef", TOKENS = "token-key-0123456789abcdef";

    @RegisterExtension
    final ServerFixture fx = new ServerFixture();
    SkyrtcServer s;

    @BeforeEach
    void start() {
        s = fx.use(TestServers.dev(Map.of("auth.apiKeys",
                "[{\"name\":\"ops\",\"sha256\":\"" + ApiKeys.sha256Hex(ADMIN) + "\",\"scopes\":[\"admin\"]},"
                        + "{\"name\":\"mint\",\"sha256\":\"" + ApiKeys.sha256Hex(TOKENS) + "\",\"scopes\":[\"room\"]}]")));
    }

    HttpResponse<String> post(String command, String body) throws Exception {
        return Api.post(s.baseUri(), "/v1/admin/" + command, ADMIN, body);
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    @Test
    void listInspectSendKickAndCloseRealRooms() throws Exception {
        WsClient alice = fx.client(s), bob = fx.client(s);
        String a = alice.join("arena", null).get("peerId").asText();
        String b = bob.join("arena", null).get("peerId").asText();
        alice.expect("peer-joined");

        HttpResponse<String> list = Api.get(s.baseUri(), "/v1/admin/rooms", ADMIN);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(json(list).get("rooms")).extracting(JsonNode::asText).containsExactly("arena");
        assertThat(json(post("room-info", "{\"room\":\"arena\"}")).get("peers")).hasSize(2);

        HttpResponse<String> sent = post("send", "{\"room\":\"arena\",\"payload\":{\"round\":2}}");
        assertThat(json(sent).get("delivered").asInt()).isEqualTo(2);
        assertThat(alice.expect("data").get("payload").get("round").asInt()).isEqualTo(2);
        assertThat(bob.expect("data").get("from").asText()).isEqualTo("server");

        assertThat(json(post("kick", "{\"room\":\"arena\",\"peer\":\"" + b + "\",\"reason\":\"afk\"}"))
                .get("kicked").asText()).isEqualTo(b);
        assertThat(bob.expectError("kicked").get("message").asText()).contains("afk");
        assertThat(alice.expect("peer-left").get("peerId").asText()).isEqualTo(b);

        assertThat(json(post("close-room", "{\"room\":\"arena\"}")).get("removedPeers").asInt()).isEqualTo(1);
        alice.expectError("kicked");
        assertThat(alice.awaitClose()).isEqualTo(1000);
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void badRequestsNameTheFieldAndUnknownTargetsAre404() throws Exception {
        fx.client(s).join("r", null);
        HttpResponse<String> missing = post("kick", "{\"room\":\"r\"}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(json(missing).get("error").get("field").asText()).isEqualTo("peer");

        HttpResponse<String> typo = post("kick", "{\"room\":\"r\",\"peer\":\"p\",\"reasn\":\"x\"}");
        assertThat(typo.statusCode()).isEqualTo(400);
        assertThat(json(typo).get("error").get("field").asText()).isEqualTo("reasn");

        assertThat(post("kick", "{\"room\":\"r\",\"peer\":\"nobody\"}").statusCode()).isEqualTo(404);
        assertThat(post("room-info", "{\"room\":\"nowhere\"}").statusCode()).isEqualTo(404);
        assertThat(post("send", "{\"room\":\"r\"}").statusCode()).isEqualTo(400);
        assertThat(post("send", "[1]").statusCode()).isEqualTo(400);
        assertThat(post("send", "{").statusCode()).isEqualTo(400);
        assertThat(post("explode", "{}").statusCode()).isEqualTo(404);  // not a route: falls through
    }

    @Test
    void onlyKeysWithTheAdminScopeMayUseIt() throws Exception {
        assertThat(Api.get(s.baseUri(), "/v1/admin/rooms", null).statusCode()).isEqualTo(401);
        assertThat(Api.get(s.baseUri(), "/v1/admin/rooms", "wrong").statusCode()).isEqualTo(401);
        HttpResponse<String> forbidden = Api.post(s.baseUri(), "/v1/admin/close-room", TOKENS, "{\"room\":\"r\"}");
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(json(forbidden).get("error").get("message").asText()).contains("admin");
    }
}
