package io.skyrtc.signaling.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.skyrtc.signaling.SkyrtcServer;
import io.skyrtc.signaling.auth.ApiKeys;
import io.skyrtc.signaling.testing.TestServers;
import io.skyrtc.signaling.testing.WsClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApiTest {
    private static final String KEY = "sk_test_key";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private SkyrtcServer server;

    @BeforeEach
    void start() {
        server = TestServers.start(Map.of("auth.apiKeys",
                "[{\"name\":\"ops\",\"sha256\":\"" + ApiKeys.sha256Hex(KEY) + "\"}]",
                "auth.maxRoomTokenTtlSeconds", "7200"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> post(String path, String key, String body) throws Exception {
        return io.skyrtc.signaling.testing.Api.post(server.baseUri(), path, key, body);
    }

    @Test
    void healthz() throws Exception {
        var r = HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUri() + "/healthz")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("status").asText()).isEqualTo("ok");
        assertThat(body.get("mode").asText()).isEqualTo("production");
        assertThat(body.get("process").get("cpuNanos").asLong()).isPositive();
    }

    @Test
    void roomTokenMintedByApiKeyJoinsTheRoom() throws Exception {
        var r = post("/v1/tokens/room", KEY, "{\"room\":\"m1\",\"identity\":\"alice\",\"ttlSeconds\":600}");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.body());
        assertThat(java.time.Instant.parse(body.get("expiresAt").asText()))
                .isBetween(java.time.Instant.now().plusSeconds(590), java.time.Instant.now().plusSeconds(601));
        try (WsClient c = WsClient.connect(server.baseUri())) {
            assertThat(c.join("m1", body.get("token").asText()).get("room").asText()).isEqualTo("m1");
        }
    }

    @Test
    void authAndValidationErrors() throws Exception {
        assertThat(post("/v1/tokens/room", null, "{}").statusCode()).isEqualTo(401);
        var wrong = post("/v1/tokens/room", "sk_wrong", "{}");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");

        var noRoom = post("/v1/tokens/room", KEY, "{\"identity\":\"a\"}");
        assertThat(noRoom.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(noRoom.body()).get("error").get("field").asText()).isEqualTo("room");
        var ttl = post("/v1/tokens/room", KEY, "{\"room\":\"r\",\"identity\":\"a\",\"ttlSeconds\":7201}");
        assertThat(JSON.readTree(ttl.body()).get("error").get("field").asText()).isEqualTo("ttlSeconds");
        assertThat(post("/v1/tokens/room", KEY, "{\"room\":\"r\",\"identity\":\"a\",\"ttlSeconds\":7200}")
                .statusCode()).isEqualTo(200);
        var typo = post("/v1/tokens/room", KEY, "{\"room\":\"r\",\"identity\":\"a\",\"ttl\":5}");
        assertThat(typo.statusCode()).isEqualTo(400);
        assertThat(post("/v1/tokens/room", KEY, "{broken").statusCode()).isEqualTo(400);
        assertThat(post("/v1/tokens/room", KEY, "x".repeat(ApiHandler.MAX_BODY_BYTES + 1)).statusCode())
                .isEqualTo(413);
        var get = HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUri() + "/v1/tokens/room")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
    }
}
