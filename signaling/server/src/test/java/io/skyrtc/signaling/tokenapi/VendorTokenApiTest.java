package io.skyrtc.signaling.tokenapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tencentyun.TLSSigAPIv2;
import io.agora.media.AccessToken2;
import io.skyrtc.signaling.SkyrtcServer;
import io.skyrtc.signaling.auth.ApiKeys;
import io.skyrtc.signaling.testing.ServerFixture;
import io.skyrtc.signaling.testing.TestServers;
import io.skyrtc.tokens.agora.AgoraService;
import io.skyrtc.tokens.agora.AgoraVerifier;
import io.skyrtc.tokens.agora.LegacyAccessToken;
import io.skyrtc.tokens.tencent.PrivateMapKeyBuf;
import io.skyrtc.tokens.tencent.TencentApp;
import io.skyrtc.tokens.tencent.UserSigCodec;
import io.skyrtc.tokens.tencent.UserSigVerifier;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The vendor token API on a real server: tokens checked with our verifiers and the official libraries. */
class VendorTokenApiTest {
    static final String AGORA_ID = "970CA35de60c44645bbae8a215061b33";
    static final String AGORA_CERT = "5CFd2fd1755d40ecb72977518be15d3b";
    static final String AGORA_CERT_2 = "0123456789abcdef0123456789abcdef";
    static final long SDK_APP_ID = 1_400_000_001L;
    static final String TENCENT_KEY = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e";
    static final String ALL = "sk_all", AGORA_MAIN_ONLY = "sk_agora_main", SHORT_TTL = "sk_short", SLOW = "sk_slow";
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final ServerFixture fx = new ServerFixture();
    SkyrtcServer server;

    @BeforeEach
    void start() {
        server = fx.use(TestServers.start(Map.of(
                "vendors.agora", "[{\"name\":\"main\",\"appId\":\"" + AGORA_ID + "\",\"appCertificate\":\"" + AGORA_CERT
                        + "\"},{\"name\":\"cn\",\"appId\":\"" + AGORA_ID.toLowerCase() + "\",\"appCertificate\":\""
                        + AGORA_CERT_2 + "\"}]",
                "vendors.tencent", "[{\"name\":\"trtc\",\"sdkAppId\":" + SDK_APP_ID + ",\"secretKey\":\"" + TENCENT_KEY + "\"}]",
                "auth.apiKeys", "[" + key("all", ALL, "[\"*\"]", 0, 600, 60) + "," + key("agora-main", AGORA_MAIN_ONLY,
                        "[\"agora:main\"]", 0, 600, 60) + "," + key("short", SHORT_TTL, "[\"agora\",\"tencent\"]", 300, 600, 60)
                        + "," + key("slow", SLOW, "[\"*\"]", 0, 1, 3) + "]")));
    }

    static String key(String name, String key, String scopes, long maxTtl, int perMinute, int burst) {
        return "{\"name\":\"" + name + "\",\"sha256\":\"" + ApiKeys.sha256Hex(key) + "\",\"scopes\":" + scopes
                + ",\"maxTtlSeconds\":" + maxTtl + ",\"ratePerMinute\":" + perMinute + ",\"rateBurst\":" + burst + "}";
    }

    HttpResponse<String> post(String path, String key, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUri() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode ok(String path, String key, String body) throws Exception {
        var r = post(path, key, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).doesNotContain(AGORA_CERT, AGORA_CERT_2, TENCENT_KEY);
        return JSON.readTree(r.body());
    }

    void error(String path, String key, String body, int status, String code, String field) throws Exception {
        var r = post(path, key, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode e = JSON.readTree(r.body()).get("error");
        assertThat(e.get("code").asText()).isEqualTo(code);
        if (field != null) {
            assertThat(e.get("field").asText()).isEqualTo(field);
        }
    }

    @Test
    void agoraRtcTokensVerifyWithOursAndParseWithTheOfficialLibrary() throws Exception {
        JsonNode r = ok("/v1/tokens/agora/rtc", ALL,
                "{\"app\":\"main\",\"channel\":\"match-42\",\"uid\":2882341273,\"role\":\"subscriber\",\"ttlSeconds\":600}");
        assertThat(r.get("app").asText()).isEqualTo("main");
        Instant expiresAt = Instant.parse(r.get("expiresAt").asText());
        assertThat(expiresAt).isEqualTo(Instant.parse(r.get("issuedAt").asText()).plusSeconds(600));
        var report = AgoraVerifier.verify(r.get("token").asText(), AGORA_CERT, expiresAt.getEpochSecond());
        var rtc = (AgoraService.Rtc) report.services().get(0).service();
        assertThat(rtc.uid()).isEqualTo("2882341273");
        assertThat(rtc.privileges()).containsOnlyKeys(1);
        AccessToken2 official = new AccessToken2();
        assertThat(official.parse(r.get("token").asText())).isTrue();
        assertThat(official.expire).isEqualTo(600);

        JsonNode cn = ok("/v1/tokens/agora/rtc", ALL, "{\"app\":\"cn\",\"channel\":\"c\",\"account\":\"alice\","
                + "\"withRtm\":true}");
        var both = AgoraVerifier.verify(cn.get("token").asText(), AGORA_CERT_2, Instant.now().getEpochSecond());
        assertThat(both.services()).extracting(AgoraVerifier.ServiceReport::name).containsExactly("rtc", "rtm");
        assertThat(Instant.parse(cn.get("expiresAt").asText())).isEqualTo(both.expiresAt()); // default TTL 3600

        JsonNode perPrivilege = ok("/v1/tokens/agora/rtc", ALL, "{\"app\":\"main\",\"channel\":\"c\",\"uid\":0,"
                + "\"privileges\":{\"joinChannel\":600,\"publishAudio\":60}}");
        var p = AgoraVerifier.verify(perPrivilege.get("token").asText(), AGORA_CERT, Instant.now().getEpochSecond());
        assertThat(((AgoraService.Rtc) p.services().get(0).service()).privileges()).containsOnlyKeys(1, 2);

        JsonNode legacy = ok("/v1/tokens/agora/rtc", ALL, "{\"app\":\"main\",\"channel\":\"c\",\"uid\":3000000000,"
                + "\"version\":\"006\",\"role\":\"attendee\",\"ttlSeconds\":120}");
        var v006 = LegacyAccessToken.verify(legacy.get("token").asText(), AGORA_CERT, "c", "3000000000",
                Instant.now().getEpochSecond());
        assertThat(v006.privilegeValid()).containsOnlyKeys(1, 2, 3, 4);

        JsonNode rtm = ok("/v1/tokens/agora/rtm", ALL, "{\"app\":\"main\",\"userId\":\"bob\",\"ttlSeconds\":60}");
        assertThat(AgoraVerifier.verify(rtm.get("token").asText(), AGORA_CERT, Instant.now().getEpochSecond())
                .services().get(0).name()).isEqualTo("rtm");
    }

    @Test
    void tencentTicketsVerifyAndMatchTheOfficialLayout() throws Exception {
        JsonNode sig = ok("/v1/tokens/tencent/usersig", ALL, "{\"userId\":\"player_1\",\"ttlSeconds\":86400}");
        var app = new TencentApp(SDK_APP_ID, TENCENT_KEY);
        var doc = UserSigVerifier.verify(app, sig.get("token").asText(), "player_1", Instant.now().getEpochSecond(), null);
        assertThat(doc.expire()).isEqualTo(86_400);
        // The official SDK, same app, same second: the same string (retry once if a second boundary passed).
        String official = new TLSSigAPIv2(SDK_APP_ID, TENCENT_KEY).genUserSig("player_1", 86_400);
        if (UserSigCodec.decode(official).time() == doc.time()) {
            assertThat(sig.get("token").asText()).isEqualTo(official);
        }

        JsonNode pmk = ok("/v1/tokens/tencent/privmapkey", ALL,
                "{\"app\":\"trtc\",\"userId\":\"player_1\",\"roomStr\":\"match 42\",\"privileges\":42,\"ttlSeconds\":600}");
        var pdoc = UserSigVerifier.verifyAnyUserbuf(app, pmk.get("token").asText(), "player_1", Instant.now().getEpochSecond());
        var buf = PrivateMapKeyBuf.decode(pdoc.userbuf());
        assertThat(buf.roomStr()).isEqualTo("match 42");
        assertThat(buf.privileges()).isEqualTo(42);
        assertThat(buf.expireAt()).isEqualTo(pdoc.time() + 600);
        JsonNode numeric = ok("/v1/tokens/tencent/privmapkey", ALL,
                "{\"userId\":\"player_1\",\"roomId\":4294967294,\"privileges\":255}");
        assertThat(PrivateMapKeyBuf.decode(UserSigCodec.decode(numeric.get("token").asText()).userbuf()).roomId())
                .isEqualTo(4_294_967_294L);
    }

    @Test
    void authScopeTtlAndFieldErrors() throws Exception {
        String rtc = "/v1/tokens/agora/rtc";
        error(rtc, null, "{\"channel\":\"c\",\"uid\":1}", 401, "unauthorized", null);
        error(rtc, "sk_wrong", "{\"channel\":\"c\",\"uid\":1}", 401, "unauthorized", null);
        ok(rtc, AGORA_MAIN_ONLY, "{\"app\":\"main\",\"channel\":\"c\",\"uid\":1}");
        error(rtc, AGORA_MAIN_ONLY, "{\"app\":\"cn\",\"channel\":\"c\",\"uid\":1}", 403, "forbidden", null);
        error("/v1/tokens/tencent/usersig", AGORA_MAIN_ONLY, "{\"userId\":\"u\"}", 403, "forbidden", null);
        error("/v1/tokens/room", AGORA_MAIN_ONLY, "{\"room\":\"r\",\"identity\":\"i\"}", 403, "forbidden", null);
        ok(rtc, SHORT_TTL, "{\"app\":\"cn\",\"channel\":\"c\",\"uid\":1,\"ttlSeconds\":300}");
        error(rtc, SHORT_TTL, "{\"app\":\"cn\",\"channel\":\"c\",\"uid\":1,\"ttlSeconds\":301}", 403, "forbidden", "ttlSeconds");
        JsonNode capped = ok(rtc, SHORT_TTL, "{\"app\":\"cn\",\"channel\":\"c\",\"uid\":1}");
        assertThat(Instant.parse(capped.get("expiresAt").asText()))
                .isEqualTo(Instant.parse(capped.get("issuedAt").asText()).plusSeconds(300));

        error(rtc, ALL, "{\"channel\":\"c\",\"uid\":1}", 400, "invalid-field", "app"); // two Agora apps
        error(rtc, ALL, "{\"app\":\"nope\",\"channel\":\"c\",\"uid\":1}", 400, "invalid-field", "app");
        error(rtc, ALL, "{\"app\":\"main\",\"channel\":\"c\"}", 400, "invalid-field", "uid");
        error(rtc, ALL, "{\"app\":\"main\",\"channel\":\"c\",\"uid\":4294967296}", 400, "invalid-field", "uid");
        error(rtc, ALL, "{\"app\":\"main\",\"channel\":\"" + "c".repeat(65) + "\",\"uid\":1}", 400, "invalid-field", "channel");
        error(rtc, ALL, "{\"app\":\"main\",\"channel\":\"c\",\"uid\":1,\"ttlSeconds\":86401}", 400, "invalid-field", "ttlSeconds");
        error(rtc, ALL, "{\"app\":\"main\",\"channel\":\"c\",\"uid\":1,\"role\":\"owner\"}", 400, "invalid-field", "role");
        error(rtc, ALL, "{\"app\":\"main\",\"channel\":\"c\",\"uid\":1,\"privilegeTtlSeconds\":90000}", 400,
                "invalid-field", "privilegeTtlSeconds");
        error(rtc, ALL, "{\"app\":\"main\",\"channel\":\"c\",\"uid\":1,\"colour\":1}", 400, "invalid-field", "colour");
        error("/v1/tokens/tencent/usersig", ALL, "{\"userId\":\"a b\"}", 400, "invalid-field", "userId");
        error("/v1/tokens/tencent/privmapkey", ALL, "{\"userId\":\"a\",\"roomId\":1,\"roomStr\":\"x\",\"privileges\":1}",
                400, "invalid-field", "roomId");
        error("/v1/tokens/tencent/privmapkey", ALL, "{\"userId\":\"a\",\"roomId\":1,\"privileges\":256}",
                400, "invalid-field", "privileges");
    }

    @Test
    void eachKeyHasItsOwnRateLimitWithRetryAfter() throws Exception {
        String body = "{\"userId\":\"u\"}";
        for (int i = 0; i < 3; i++) {
            ok("/v1/tokens/tencent/usersig", SLOW, body); // the burst
        }
        var limited = post("/v1/tokens/tencent/usersig", SLOW, body);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).isPresent()
                .get().satisfies(v -> assertThat(Long.parseLong(v)).isBetween(1L, 60L));
        assertThat(JSON.readTree(limited.body()).get("error").get("code").asText()).isEqualTo("rate-limited");
        ok("/v1/tokens/tencent/usersig", ALL, body); // another key is not affected
    }

    @Test
    void unconfiguredVendorIs404() throws Exception {
        fx.use(server).close();
        server = fx.use(TestServers.start(Map.of("auth.apiKeys", "[" + key("all", ALL, "[\"*\"]", 0, 600, 60) + "]")));
        error("/v1/tokens/agora/rtm", ALL, "{\"userId\":\"u\"}", 404, "not-configured", "app");
    }
}
