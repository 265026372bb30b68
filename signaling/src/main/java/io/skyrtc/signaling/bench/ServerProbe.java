package io.skyrtc.signaling.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Reads the server's own counters (CPU time, RSS, relayed) from /healthz. */
final class ServerProbe {
    record Sample(long cpuNanos, long rssBytes, long relayed, int connections) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http;
    private final URI health;

    ServerProbe(HttpClient http, URI base) {
        this.http = http;
        this.health = URI.create(base + "/healthz");
    }

    Sample sample() throws Exception {
        String body = http.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString()).body();
        JsonNode n = JSON.readTree(body);
        return new Sample(n.path("process").path("cpuNanos").asLong(), n.path("process").path("rssBytes").asLong(),
                n.path("relayed").asLong(), n.path("connections").asInt());
    }
}
