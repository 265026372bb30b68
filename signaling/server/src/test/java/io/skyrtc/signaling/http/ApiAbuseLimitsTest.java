package io.skyrtc.signaling.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.skyrtc.signaling.SkyrtcServer;
import io.skyrtc.signaling.auth.ApiKeys;
import io.skyrtc.signaling.protocol.ServerMessage;
import io.skyrtc.signaling.testing.Api;
import io.skyrtc.signaling.testing.ServerFixture;
import io.skyrtc.signaling.testing.TestServers;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Callers without an API key budget of their own: failed authentications are limited per client
 * address (a 401 flood cannot guess keys at line rate), and TURN credentials minted for a room token
 * are limited per token identity.
 */
class ApiAbuseLimitsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String KEY = "sk_good_key";

    @RegisterExtension
    final ServerFixture fx = new ServerFixture();

    SkyrtcServer server(Map<String, String> extra) {
        Map<String, String> o = new HashMap<>(Map.of(
                "auth.apiKeys", "[{\"name\":\"k\",\"sha256\":\"" + ApiKeys.sha256Hex(KEY) + "\",\"scopes\":[\"*\"]}]",
                "turn.urls", "[\"turn:127.0.0.1:3478\"]",
                "turn.secrets", "[\"a-coturn-secret-0123456789\"]",
                "turn.healthIntervalMs", "0"));
        o.putAll(extra);
        return fx.use(TestServers.start(o));
    }

    @Test
    void afterTheBurstOfFailedAuthenticationsEveryAuthenticatedCallFromThatAddressGets429() throws Exception {
        SkyrtcServer s = server(Map.of("auth.failureBurstPerIp", "3", "auth.failuresPerMinutePerIp", "1"));
        // a good key works, and costs nothing
        assertThat(Api.get(s.baseUri(), "/v1/turn/credentials", KEY).statusCode()).isEqualTo(200);
        // exactly the burst of 401s: two wrong API keys, one wrong room token
        assertThat(Api.post(s.baseUri(), "/v1/tokens/room", "guess-1", "{}").statusCode()).isEqualTo(401);
        assertThat(Api.post(s.baseUri(), "/v1/tokens/room", null, "{}").statusCode()).isEqualTo(401);
        assertThat(Api.get(s.baseUri(), "/v1/turn/credentials", "not.a.token").statusCode()).isEqualTo(401);
        // now even the right key is refused before it is looked at, with a Retry-After of ~60 s
        for (String path : new String[] {"/v1/turn/credentials", "/v1/ice/check"}) {
            HttpResponse<String> r = path.endsWith("check") ? Api.post(s.baseUri(), path, KEY, "{}")
                    : Api.get(s.baseUri(), path, KEY);
            assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(429);
            JsonNode error = JSON.readTree(r.body()).get("error");
            assertThat(error.get("code").asText()).isEqualTo("rate-limited");
            assertThat(error.get("message").asText()).startsWith("too many failed authentications from this address");
            assertThat(Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow())).isBetween(50L, 60L);
        }
        // calls that authenticate nothing are not affected
        assertThat(Api.get(s.baseUri(), "/healthz", null).statusCode()).isEqualTo(200);
    }

    static int getVia(SkyrtcServer s, String forwardedFor, String key) throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(s.baseUri().resolve("/v1/turn/credentials"))
                .header("X-Forwarded-For", forwardedFor).header("Authorization", "Bearer " + key).GET().build();
        return java.net.http.HttpClient.newHttpClient()
                .send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void behindATrustedProxyFailuresAreCountedPerForwardedClientNotForTheProxy() throws Exception {
        Map<String, String> limits = Map.of("auth.failureBurstPerIp", "2", "auth.failuresPerMinutePerIp", "1");
        Map<String, String> proxied = new HashMap<>(limits);
        proxied.put("server.trustedProxies", "[\"127.0.0.1\", \"::1\"]");
        SkyrtcServer behindProxy = server(proxied);
        assertThat(getVia(behindProxy, "203.0.113.7", "guess-1")).isEqualTo(401);
        assertThat(getVia(behindProxy, "203.0.113.7", "guess-2")).isEqualTo(401);
        assertThat(getVia(behindProxy, "203.0.113.7", KEY)).isEqualTo(429);
        // another client behind the same proxy keeps its own budget
        assertThat(getVia(behindProxy, "198.51.100.9", KEY)).isEqualTo(200);

        // from an untrusted peer the header is ignored: spoofing it buys no fresh budget
        SkyrtcServer direct = server(limits);
        assertThat(getVia(direct, "203.0.113.7", "guess-1")).isEqualTo(401);
        assertThat(getVia(direct, "203.0.113.8", "guess-2")).isEqualTo(401);
        assertThat(getVia(direct, "198.51.100.9", KEY)).isEqualTo(429);
    }

    @Test
    void oneFailureLessThanTheBurstLeavesTheAddressWorking() throws Exception {
        SkyrtcServer s = server(Map.of("auth.failureBurstPerIp", "3", "auth.failuresPerMinutePerIp", "1"));
        assertThat(Api.post(s.baseUri(), "/v1/tokens/room", "guess-1", "{}").statusCode()).isEqualTo(401);
        assertThat(Api.post(s.baseUri(), "/v1/tokens/room", "guess-2", "{}").statusCode()).isEqualTo(401);
        assertThat(Api.get(s.baseUri(), "/v1/turn/credentials", KEY).statusCode()).isEqualTo(200);
        assertThat(Api.get(s.baseUri(), "/v1/turn/credentials", KEY).statusCode()).isEqualTo(200);
    }

    @Test
    void turnCredentialsForARoomTokenAreLimitedPerIdentity() throws Exception {
        SkyrtcServer s = server(Map.of("turn.credentialsBurst", "3", "turn.credentialsPerMinute", "1"));
        String alice = s.roomTokens().issue("r1", "alice", null, 600, ServerMessage.Grants.ALL).token();
        String aliceOtherRoom = s.roomTokens().issue("r2", "alice", null, 600, ServerMessage.Grants.ALL).token();
        String bob = s.roomTokens().issue("r1", "bob", null, 600, ServerMessage.Grants.ALL).token();
        for (int i = 0; i < 2; i++) {
            assertThat(Api.get(s.baseUri(), "/v1/turn/credentials", alice).statusCode()).isEqualTo(200);
        }
        assertThat(Api.get(s.baseUri(), "/v1/turn/credentials", aliceOtherRoom).statusCode()).isEqualTo(200);
        HttpResponse<String> limited = Api.get(s.baseUri(), "/v1/turn/credentials", alice);
        assertThat(limited.statusCode()).as(limited.body()).isEqualTo(429);
        assertThat(JSON.readTree(limited.body()).get("error").get("message").asText())
                .startsWith("too many TURN credential requests for this identity");
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        assertThat(Api.get(s.baseUri(), "/v1/turn/credentials", bob).statusCode()).isEqualTo(200);
        // an API key has its own budget, untouched by the tokens'
        assertThat(Api.get(s.baseUri(), "/v1/turn/credentials", KEY).statusCode()).isEqualTo(200);
    }
}
