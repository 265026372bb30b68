package io.skyrtc.signaling.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Calls to skyrtc's HTTP API with an optional API key, as an operator's script would make them. */
public final class Api {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Api() {}

    /** POST a JSON body ({@code ""}: none); {@code key} null sends no Authorization header. */
    public static HttpResponse<String> post(URI base, String path, String key, String body) throws Exception {
        return send(HttpRequest.newBuilder(base.resolve(path)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json"), key);
    }

    public static HttpResponse<String> get(URI base, String path, String key) throws Exception {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET(), key);
    }

    private static HttpResponse<String> send(HttpRequest.Builder b, String key) throws Exception {
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
