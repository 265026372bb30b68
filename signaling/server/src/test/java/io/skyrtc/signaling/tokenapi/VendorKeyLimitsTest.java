package io.skyrtc.signaling.tokenapi;

import static io.skyrtc.signaling.tokenapi.VendorTokenApiTest.AGORA_CERT;
import static io.skyrtc.signaling.tokenapi.VendorTokenApiTest.AGORA_CERT_2;
import static io.skyrtc.signaling.tokenapi.VendorTokenApiTest.AGORA_ID;
import static io.skyrtc.signaling.tokenapi.VendorTokenApiTest.SDK_APP_ID;
import static io.skyrtc.signaling.tokenapi.VendorTokenApiTest.TENCENT_KEY;
import static io.skyrtc.signaling.tokenapi.VendorTokenApiTest.key;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.skyrtc.signaling.SkyrtcServer;
import io.skyrtc.signaling.testing.Api;
import io.skyrtc.signaling.testing.ServerFixture;
import io.skyrtc.signaling.testing.TestServers;
import io.skyrtc.tokens.agora.AgoraVerifier;
import io.skyrtc.tokens.agora.LegacyAccessToken;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What a key may mint: its scopes first, then every lifetime in the reply within its maxTtlSeconds. */
class VendorKeyLimitsTest {
    static final String SHORT = "sk_short60", ROOM_ONLY = "sk_room_only", ALL = "sk_all";
    static final String RTC = "/v1/tokens/agora/rtc";
    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final ServerFixture fx = new ServerFixture();
    SkyrtcServer server;

    @BeforeEach
    void start() {
        server = fx.use(TestServers.start(Map.of(
                "vendors.agora", "[{\"name\":\"main\",\"appId\":\"" + AGORA_ID + "\",\"appCertificate\":\"" + AGORA_CERT
                        + "\"},{\"name\":\"secret-cn-app\",\"appId\":\"" + AGORA_ID.toLowerCase()
                        + "\",\"appCertificate\":\"" + AGORA_CERT_2 + "\"}]",
                "vendors.tencent", "[{\"name\":\"trtc-hidden\",\"sdkAppId\":" + SDK_APP_ID + ",\"secretKey\":\""
                        + TENCENT_KEY + "\"}]",
                "auth.apiKeys", "[" + key("short", SHORT, "[\"agora:main\"]", 60, 600, 60) + ","
                        + key("room", ROOM_ONLY, "[\"room\"]", 0, 600, 60) + ","
                        + key("all", ALL, "[\"*\"]", 0, 600, 60) + "]")));
    }

    private HttpResponse<String> post(String path, String key, String body) throws Exception {
        return Api.post(server.baseUri(), path, key, body);
    }

    private JsonNode error(HttpResponse<String> r, int status, String field) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode e = JSON.readTree(r.body()).get("error");
        if (field != null) {
            assertThat(e.get("field").asText()).isEqualTo(field);
        }
        return e;
    }

    @Test
    void everyLifetimeInTheReplyIsCappedByTheKey() throws Exception {
        String base = "{\"app\":\"main\",\"channel\":\"c\",\"uid\":7,";
        // the bypass: a 60 s key asked for a 24 h legacy token through privilegeTtlSeconds
        error(post(RTC, SHORT, base + "\"version\":\"006\",\"privilegeTtlSeconds\":86400}"), 403, "privilegeTtlSeconds");
        error(post(RTC, SHORT, base + "\"privilegeTtlSeconds\":61}"), 403, "privilegeTtlSeconds");
        error(post(RTC, SHORT, base + "\"privileges\":{\"joinChannel\":60,\"publishAudio\":3600}}"), 403,
                "privileges.publishAudio");
        error(post(RTC, SHORT, base + "\"privileges\":{\"joinChannel\":61}}"), 403, "privileges.joinChannel");

        // at the edge it is minted, and the legacy token itself lives no longer than the key allows
        var r = post(RTC, SHORT, base + "\"version\":\"006\",\"privilegeTtlSeconds\":60}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        long now = Instant.now().getEpochSecond();
        var legacy = LegacyAccessToken.verify(JSON.readTree(r.body()).get("token").asText(), AGORA_CERT, "c", "7", now);
        assertThat(legacy.messageExpiresAt()).isBetween(Instant.ofEpochSecond(now + 55), Instant.ofEpochSecond(now + 61));
        assertThat(Instant.parse(JSON.readTree(r.body()).get("expiresAt").asText()))
                .isBefore(Instant.ofEpochSecond(now + 62));

        var ok007 = post(RTC, SHORT, base + "\"privileges\":{\"joinChannel\":60,\"publishAudio\":0}}");
        assertThat(ok007.statusCode()).as(ok007.body()).isEqualTo(200);
        var report = AgoraVerifier.verify(JSON.readTree(ok007.body()).get("token").asText(), AGORA_CERT, now);
        assertThat(report.expiresAt()).isBefore(Instant.ofEpochSecond(now + 62));

        // a key without a maximum still gets the 24 h legacy token Agora's own builders make
        var full = post(RTC, ALL, base + "\"version\":\"006\",\"privilegeTtlSeconds\":86400}");
        assertThat(full.statusCode()).as(full.body()).isEqualTo(200);
        assertThat(LegacyAccessToken.verify(JSON.readTree(full.body()).get("token").asText(), AGORA_CERT, "c", "7", now)
                .messageExpiresAt()).isAfter(Instant.ofEpochSecond(now + 86_000));
    }

    @Test
    void scopeIsCheckedFirstAndErrorsNameNoAppTheKeyCannotUse() throws Exception {
        for (String body : new String[] {"{\"channel\":\"c\",\"uid\":1}", "{\"app\":\"nope\"}", "not json", ""}) {
            var r = post(RTC, ROOM_ONLY, body);
            error(r, 403, null);
            assertThat(r.body()).doesNotContain("main", "secret-cn-app");
            var t = post("/v1/tokens/tencent/usersig", ROOM_ONLY, body);
            error(t, 403, null);
            assertThat(t.body()).doesNotContain("trtc-hidden");
        }
        // a key for one app: another app's name is a 403 whether or not it exists, and lists are filtered
        var other = post(RTC, SHORT, "{\"app\":\"secret-cn-app\",\"channel\":\"c\",\"uid\":1}");
        error(other, 403, null);
        var unknown = post(RTC, SHORT, "{\"app\":\"nope\",\"channel\":\"c\",\"uid\":1}");
        error(unknown, 403, null);
        var unnamed = post(RTC, SHORT, "{\"channel\":\"c\",\"uid\":1}");
        assertThat(error(unnamed, 400, "app").get("message").asText()).contains("[main]").doesNotContain("secret-cn-app");
        var noTencent = post("/v1/tokens/tencent/usersig", SHORT, "{\"userId\":\"u\"}");
        error(noTencent, 403, null);
        assertThat(noTencent.body()).doesNotContain("trtc-hidden");
    }
}
