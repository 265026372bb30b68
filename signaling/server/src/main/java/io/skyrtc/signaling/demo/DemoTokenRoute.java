package io.skyrtc.signaling.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.skyrtc.signaling.http.HttpCall;
import io.skyrtc.signaling.http.HttpEndpoint;
import io.skyrtc.signaling.http.HttpError;
import io.skyrtc.signaling.room.Ids;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code POST /demo/token} ({@code demo.tokenRoute: true}): an example game backend, so a deployed demo
 * page can be tried without one. It does what a backend does for each player: calls
 * {@code POST /v1/tokens/room} with its API key ({@code demo.apiKey}) and hands the token to the page.
 * Anyone who can load the page can join any room with it, so keep it off for real deployments.
 */
public final class DemoTokenRoute implements HttpEndpoint {
    /** Request body: the room to join, an optional display name. */
    public record Request(String room, String name) {}

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Supplier<URI> server;
    private final String apiKey;
    private final long ttlSeconds;
    private final ObjectMapper json;

    public DemoTokenRoute(Supplier<URI> server, String apiKey, long ttlSeconds, ObjectMapper json) {
        this.server = server;
        this.apiKey = apiKey;
        this.ttlSeconds = ttlSeconds;
        this.json = json;
    }

    @Override
    public Object handle(HttpCall call) throws HttpError {
        Request r = call.bodyAs(Request.class);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("room", r.room());
        body.put("identity", "demo-" + Ids.random(8));
        if (r.name() != null && !r.name().isBlank()) {
            body.put("name", r.name());
        }
        body.put("ttlSeconds", ttlSeconds);
        try {
            HttpResponse<String> res = http.send(HttpRequest.newBuilder(server.get().resolve("/v1/tokens/room"))
                    .header("Authorization", "Bearer " + apiKey).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode reply = json.readTree(res.body());
            if (res.statusCode() != 200) {
                JsonNode e = reply.path("error");
                throw new HttpError(res.statusCode(), e.path("code").asText("internal"),
                        "demo token route: " + e.path("message").asText(res.body()),
                        e.path("field").isMissingNode() ? null : e.path("field").asText(), null);
            }
            return reply;
        } catch (IOException e) {
            throw new HttpError(502, "internal", "demo token route: " + e.getMessage(), null, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HttpError(503, "busy", "interrupted", null, null);
        }
    }
}
