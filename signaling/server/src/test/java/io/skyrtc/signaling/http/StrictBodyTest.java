package io.skyrtc.signaling.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.skyrtc.signaling.SkyrtcServer;
import io.skyrtc.signaling.auth.ApiKeys;
import io.skyrtc.signaling.testing.Api;
import io.skyrtc.signaling.testing.ServerFixture;
import io.skyrtc.signaling.testing.TestServers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Request bodies are read strictly (types, duplicate keys) and every error text is ours. */
class StrictBodyTest {
    private static final String KEY = "sk_strict";
    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    final ServerFixture fx = new ServerFixture();

    private SkyrtcServer server() {
        return fx.use(TestServers.start(Map.of("auth.apiKeys",
                "[{\"name\":\"ops\",\"sha256\":\"" + ApiKeys.sha256Hex(KEY) + "\"}]")));
    }

    private static JsonNode refused(SkyrtcServer s, String body, String field) throws Exception {
        HttpResponse<String> r = Api.post(s.baseUri(), "/v1/tokens/room", KEY, body);
        assertThat(r.statusCode()).as(body + " -> " + r.body()).isEqualTo(400);
        JsonNode e = JSON.readTree(r.body()).get("error");
        assertThat(e.get("field").asText()).as(r.body()).isEqualTo(field);
        return e;
    }

    @Test
    void noTypeCoercion() throws Exception {
        SkyrtcServer s = server();
        String room = "\"room\":\"r1\",\"identity\":\"alice\"";
        refused(s, "{" + room + ",\"ttlSeconds\":\"600\"}", "ttlSeconds");
        refused(s, "{" + room + ",\"ttlSeconds\":600.5}", "ttlSeconds");
        refused(s, "{" + room + ",\"ttlSeconds\":true}", "ttlSeconds");
        refused(s, "{\"room\":\"r1\",\"identity\":7}", "identity");
        refused(s, "{" + room + ",\"grants\":{\"canData\":\"false\"}}", "canData");
        refused(s, "{" + room + ",\"grants\":{\"canData\":0}}", "canData");
        assertThat(Api.post(s.baseUri(), "/v1/tokens/room", KEY, "{" + room + ",\"ttlSeconds\":600}").statusCode())
                .isEqualTo(200);
    }

    @Test
    void aGrantLeftOutIsGrantedAsInTheTokenItself() throws Exception {
        SkyrtcServer s = server();
        HttpResponse<String> r = Api.post(s.baseUri(), "/v1/tokens/room", KEY,
                "{\"room\":\"r1\",\"identity\":\"alice\",\"grants\":{\"canData\":false}}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        var claims = s.roomTokens().verify(JSON.readTree(r.body()).get("token").asText(), "r1");
        assertThat(claims.grants()).isEqualTo(new io.skyrtc.signaling.protocol.ServerMessage.Grants(true, true, false));
    }

    @Test
    void duplicateKeysAndSyntaxErrorsGetOurOwnMessages() throws Exception {
        SkyrtcServer s = server();
        JsonNode dup = refused(s, "{\"room\":\"r1\",\"identity\":\"alice\",\"room\":\"r2\"}", "(body)");
        assertThat(dup.get("message").asText()).startsWith("(body): duplicate key \"room\"");
        for (String bad : new String[] {"{\"room\":tru}", "{\"room\":\"r1\"", "{\"room\":01}", "{\"room\":\"\\q\"}",
                "{\"room\":\"a\u0001\"}", "{\"room\":NaN}", "{room:1}"}) {
            String message = refused(s, bad, "(body)").get("message").asText();
            assertThat(message).as(bad).doesNotContain("Unexpected", "Unrecognized", "Source", "REDACTED", "token '",
                    "code ", "Feature", "expected", "`");
        }
        assertThat(refused(s, "{\"room\":\"r1\"", "(body)").get("message").asText())
                .isEqualTo("(body): JSON text ends too early: an object, array or string is not closed");
        assertThat(refused(s, "{\"room\":\"a\u0001\"}", "(body)").get("message").asText())
                .startsWith("(body): control character in a string");
    }

    @Test
    void everyServerBugIsAJson500() throws Exception {
        ApiHandler api = new ApiHandler(ApiHandler.requestMapper(), new ApiKeys(List.of()))
                .open("POST", "/runtime", call -> {
                    throw new IllegalStateException("bug");
                })
                .open("POST", "/error", call -> {
                    throw new AssertionError("bug");
                });
        Server jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        jetty.setHandler(api);
        jetty.start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            for (String path : new String[] {"/runtime", "/error"}) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + connector.getLocalPort() + path))
                        .timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isEqualTo(500);
                assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
                assertThat(JSON.readTree(r.body()).get("error").get("code").asText()).isEqualTo("internal");
                assertThat(r.body()).doesNotContain("bug");
            }
        } finally {
            jetty.stop();
        }
    }
}
