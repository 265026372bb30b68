package io.skyrtc.signaling.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.skyrtc.signaling.SkyrtcServer;
import io.skyrtc.signaling.testing.ServerFixture;
import io.skyrtc.signaling.testing.TestServers;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The SDK at /sdk/v1/, with CORS from demo.sdkCorsOrigins. */
class SdkAssetsTest {
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @RegisterExtension
    final ServerFixture fx = new ServerFixture();

    static HttpResponse<String> get(SkyrtcServer s, String path, String origin) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(s.baseUri().resolve(path));
        if (origin != null) {
            b.header("Origin", origin);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theSdkIsServedAtAVersionedPathToAnyOriginByDefault() throws Exception {
        SkyrtcServer s = fx.use(TestServers.start(Map.of()));
        HttpResponse<String> r = get(s, "/sdk/v1/skyrtc.js", "https://game.example.com");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        try (InputStream in = getClass().getResourceAsStream("/webdemo/sdk/skyrtc.js")) {
            assertThat(r.body()).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        for (String f : new String[] {"signaling.js", "call.js", "peer.js", "stats.js", "quality.js", "devices.js",
                "emitter.js", "skyrtc.d.ts", "package.json"}) {
            assertThat(get(s, "/sdk/v1/" + f, null).statusCode()).as(f).isEqualTo(200);
        }
        // every module the entry point imports, and what those import, is served (a browser would fail the import)
        java.util.Deque<String> todo = new java.util.ArrayDeque<>(List.of("skyrtc.js"));
        java.util.Set<String> seen = new java.util.HashSet<>();
        while (!todo.isEmpty()) {
            String f = todo.pop();
            if (seen.add(f)) {
                HttpResponse<String> m = get(s, "/sdk/v1/" + f, null);
                assertThat(m.statusCode()).as("imported module %s", f).isEqualTo(200);
                java.util.regex.Matcher imports = java.util.regex.Pattern.compile("from '\\./([\\w.-]+\\.js)'").matcher(m.body());
                while (imports.find()) {
                    todo.add(imports.group(1));
                }
            }
        }
        assertThat(seen).contains("peer.js", "quality.js", "devices.js", "emitter.js");
        assertThat(get(s, "/sdk/v1/nope.js", null).statusCode()).isEqualTo(404);
        assertThat(get(s, "/sdk/v1/../index.html", null).statusCode()).isNotEqualTo(200);
    }

    @Test
    void corsOnlyForTheConfiguredOrigins() throws Exception {
        SkyrtcServer s = fx.use(TestServers.start(Map.of("demo.sdkCorsOrigins", "[\"https://game.example.com\"]")));
        HttpResponse<String> allowed = get(s, "/sdk/v1/skyrtc.js", "https://game.example.com");
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://game.example.com");
        assertThat(allowed.headers().allValues("Vary")).contains("Origin");
        HttpResponse<String> other = get(s, "/sdk/v1/skyrtc.js", "https://evil.example.com");
        assertThat(other.statusCode()).isEqualTo(200);
        assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }
}
