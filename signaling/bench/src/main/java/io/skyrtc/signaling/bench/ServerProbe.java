package io.skyrtc.signaling.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Reads the server's own counters (CPU time, RSS, relayed) from /healthz. */
final class ServerProbe {
    record Sample(long cpuNanos, long rssBytes, long heapUsedBytes, long relayed, int connections) {}

    /** Makes the server collect its garbage, so that its heap in use is what is live. */
    interface Collector {
        void collect() throws Exception;
    }

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
        JsonNode p = n.path("process");
        return new Sample(p.path("cpuNanos").asLong(), p.path("rssBytes").asLong(), p.path("heapUsedBytes").asLong(),
                n.path("relayed").asLong(), n.path("connections").asInt());
    }
}
