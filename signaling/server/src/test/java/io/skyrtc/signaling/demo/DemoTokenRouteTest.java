package io.skyrtc.signaling.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.skyrtc.signaling.SkyrtcServer;
import io.skyrtc.signaling.auth.ApiKeys;
import io.skyrtc.signaling.config.ConfigException;
import io.skyrtc.signaling.testing.Api;
import io.skyrtc.signaling.testing.ServerFixture;
import io.skyrtc.signaling.testing.TestServers;
import io.skyrtc.signaling.testing.WsClient;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** demo.tokenRoute off by default, on behind a configured API key; production hides the dev-only playground. */
class DemoTokenRouteTest {
    static final String KEY = "sk_demo-route-key-0123456789";
    static final String KEYS = "[{\"name\":\"demo\",\"sha256\":\"" + ApiKeys.sha256Hex(KEY) + "\",\"scopes\":[\"room\"]}]";

    @RegisterExtension
    final ServerFixture fx = new ServerFixture();

    @Test
    void productionWithoutTheRouteServesTheCallPageOnly() throws Exception {
        SkyrtcServer s = fx.use(TestServers.start(Map.of()));
        assertThat(Api.post(s.baseUri(), "/demo/token", null, "{\"room\":\"r\"}").statusCode()).isEqualTo(404);
        assertThat(Api.get(s.baseUri(), "/tokens.html", null).statusCode()).isEqualTo(404);
        assertThat(Api.get(s.baseUri(), "/tokens-page.js", null).statusCode()).isEqualTo(404);
        assertThat(Api.get(s.baseUri(), "/index.html", null).statusCode()).isEqualTo(200);
        assertThat(Api.get(s.baseUri(), "/favicon.svg", null).statusCode()).isEqualTo(200);
        SkyrtcServer dev = fx.use(TestServers.dev(Map.of()));
        assertThat(Api.get(dev.baseUri(), "/tokens.html", null).statusCode()).isEqualTo(200);
    }

    @Test
    void theRouteMintsATokenThatJoins() throws Exception {
        SkyrtcServer s = fx.use(TestServers.start(Map.of("auth.apiKeys", KEYS, "demo.tokenRoute", "true",
                "demo.apiKey", KEY, "demo.tokenTtlSeconds", "120")));
        HttpResponse<String> r = Api.post(s.baseUri(), "/demo/token", null, "{\"room\":\"demo-room\",\"name\":\"Pat\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode reply = WsClient.JSON.readTree(r.body());
        assertThat(reply.get("identity").asText()).startsWith("demo-");
        try (WsClient c = fx.client(s)) {
            JsonNode welcome = c.joinNamedByToken("demo-room", reply.get("token").asText());
            assertThat(welcome.get("type").asText()).isEqualTo("welcome");
        }
        HttpResponse<String> bad = Api.post(s.baseUri(), "/demo/token", null, "{\"room\":\"no spaces\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("\"field\":\"room\"");
    }

    @Test
    void theRouteNeedsAKeyTheServerKnowsWithScopeRoom() {
        assertThatThrownBy(() -> TestServers.config(Map.of("demo.tokenRoute", "true", "demo.apiKey", KEY)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("demo.tokenRoute needs demo.apiKey");
        String turnOnly = KEYS.replace("\"room\"", "\"turn\"");
        assertThatThrownBy(() -> TestServers.config(Map.of("auth.apiKeys", turnOnly, "demo.tokenRoute", "true",
                "demo.apiKey", KEY))).isInstanceOf(ConfigException.class);
        assertThat(TestServers.config(Map.of("server.dev", "true", "demo.tokenRoute", "true")).demo().tokenRoute()).isTrue();
    }
}
