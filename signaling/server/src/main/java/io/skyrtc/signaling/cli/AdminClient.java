package io.skyrtc.signaling.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The HTTP admin API as {@code skyrtc admin} calls it: one request, the JSON reply or a one-line failure. */
final class AdminClient {
    /** A refused or failed call: printed as one line, exit code 1. */
    static final class Failure extends RuntimeException {
        Failure(String message) {
            super(message, null, false, false);
        }
    }

    private final URI base;
    private final String key;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    AdminClient(String url, String key) {
        String u = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        if (!u.startsWith("http://") && !u.startsWith("https://")) {
            throw new IllegalArgumentException("--url must start with http:// or https://, got " + url);
        }
        this.base = URI.create(u + "/");
        this.key = key;
    }

    JsonNode get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    JsonNode post(String path, Object body) {
        String json = body == null ? "" : CliJson.write(body);
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private JsonNode send(HttpRequest.Builder b) {
        if (key != null && !key.isEmpty()) {
            b.header("Authorization", "Bearer " + key);
        }
        b.timeout(Duration.ofSeconds(30));
        HttpResponse<String> r;
        try {
            r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new Failure("cannot connect to " + base + " (is skyrtc running there? --url or SKYRTC_ADMIN_URL)");
        } catch (IOException e) {
            throw new Failure("request to " + base + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure("interrupted");
        }
        JsonNode body;
        try {
            body = CliJson.JSON.readTree(r.body());
        } catch (IOException e) {
            throw new Failure("HTTP " + r.statusCode() + " with a body that is not JSON (is " + base + " skyrtc?)");
        }
        if (r.statusCode() != 200) {
            JsonNode err = body.path("error");
            String hint = r.statusCode() == 401 ? " (an API key with scope admin: --key or SKYRTC_ADMIN_KEY)" : "";
            throw new Failure("HTTP " + r.statusCode() + " " + err.path("code").asText("error") + ": "
                    + err.path("message").asText("") + hint);
        }
        return body;
    }
}
