package io.skyrtc.signaling.turn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.skyrtc.signaling.SkyrtcServer;
import io.skyrtc.signaling.auth.ApiKeys;
import io.skyrtc.signaling.testing.TestServers;
import io.skyrtc.turn.testing.CoturnServer;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** POST /v1/ice/check against a real coturn, and its edges. */
class IceCheckApiTest {
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();
    static final String TURN_KEY = "sk_turn_check", ROOM_KEY = "sk_room_only", ADMIN_KEY = "sk_turn_admin";

    @TempDir
    static Path dir;
    static CoturnServer coturn;
    static SkyrtcServer server;

    @BeforeAll
    static void start() throws Exception {
        coturn = CoturnServer.start(dir, "prod", "", List.of(CoturnServer.SECRET));
        server = TestServers.start(Map.of(
                "turn.urls", "[\"" + coturn.turnUrl() + "\"]",
                "turn.secrets", "[\"" + CoturnServer.SECRET + "\"]",
                "turn.healthIntervalMs", "0",
                "auth.apiKeys", "[{\"name\":\"t\",\"sha256\":\"" + ApiKeys.sha256Hex(TURN_KEY) + "\",\"scopes\":[\"turn\"]},"
                        + "{\"name\":\"a\",\"sha256\":\"" + ApiKeys.sha256Hex(ADMIN_KEY) + "\",\"scopes\":[\"turn\",\"admin\"]},"
                        + "{\"name\":\"r\",\"sha256\":\"" + ApiKeys.sha256Hex(ROOM_KEY) + "\",\"scopes\":[\"room\"]}]"));
    }

    @AfterAll
    static void stop() {
        server.close();
        coturn.close();
    }

    static HttpResponse<String> post(String key, String body) throws Exception {
        return io.skyrtc.signaling.testing.Api.post(server.baseUri(), "/v1/ice/check", key, body);
    }

    @Test
    void anEmptyBodyChecksTheConfiguredServersWithServerCredentials() throws Exception {
        HttpResponse<String> r = post(TURN_KEY, "");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode report = JSON.readTree(r.body());
        assertThat(report.get("passed").asBoolean()).isTrue();
        JsonNode s = report.get("servers").get(0);
        assertThat(s.get("status").asText()).isEqualTo("passed");
        assertThat(s.get("relayedAddress").asText()).startsWith("127.0.0.1:");
        assertThat(s.get("released").asBoolean()).isTrue();
        assertThat(report.get("startedAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    }

    @Test
    void theProbeShowsAHardenedRelayRefusingLoopback() throws Exception {
        JsonNode s = JSON.readTree(post(TURN_KEY, "{\"probePeer\":\"127.0.0.1\"}").body()).get("servers").get(0);
        assertThat(s.get("permission").get("allowed").asBoolean()).isFalse();
        assertThat(s.get("permission").get("errorCode").asInt()).isEqualTo(403);
    }

    @Test
    void serverCredentialsAreNeverSentToOtherServers() throws Exception {
        // the same coturn under another name: not configured, so only its challenge is probed
        String other = "turn:localhost:" + coturn.config().listeningPort();
        JsonNode s = JSON.readTree(post(ADMIN_KEY, "{\"urls\":[\"" + other + "\"]}").body()).get("servers").get(0);
        assertThat(s.get("status").asText()).isEqualTo("not-checked");
        assertThat(s.get("detail").asText()).contains("no credentials were given");
    }

    @Test
    void callerCredentialsAreUsedAsGiven() throws Exception {
        JsonNode s = JSON.readTree(post(TURN_KEY, "{\"urls\":[\"" + coturn.turnUrl()
                + "\"],\"username\":\"4102444800:x\",\"credential\":\"wrong\"}").body()).get("servers").get(0);
        assertThat(s.get("status").asText()).isEqualTo("failed");
        assertThat(s.get("errorCode").asInt()).isEqualTo(401);
    }

    /** A UDP socket standing in for any host a caller might aim the check at; counts what arrives. */
    static DatagramSocket listener() throws Exception {
        DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        s.setSoTimeout(1500);
        return s;
    }

    static boolean received(DatagramSocket s) throws Exception {
        try {
            s.receive(new DatagramPacket(new byte[2048], 2048));
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    @Test
    void withoutAdminScopeOnlyConfiguredServersAreCheckedAndNothingIsSentElsewhere() throws Exception {
        try (DatagramSocket target = listener()) {
            String url = "stun:127.0.0.1:" + target.getLocalPort();
            HttpResponse<String> r = post(TURN_KEY, "{\"urls\":[\"" + coturn.stunUrl() + "\",\"" + url + "\"]}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
            JsonNode error = JSON.readTree(r.body()).get("error");
            assertThat(error.get("code").asText()).isEqualTo("forbidden");
            assertThat(error.get("field").asText()).isEqualTo("urls");
            assertThat(error.get("message").asText()).isEqualTo("urls: " + url + " is not a configured STUN/TURN "
                    + "server (turn.urls, ice.servers); checking other hosts needs scope 'admin'");
            assertThat(received(target)).as("a probe reached the unconfigured host").isFalse();

            HttpResponse<String> admin = post(ADMIN_KEY, "{\"urls\":[\"" + url + "\"],\"timeoutMs\":200}");
            assertThat(admin.statusCode()).as(admin.body()).isEqualTo(200);
            assertThat(received(target)).as("the admin's check is sent").isTrue();
        }
    }

    @Test
    void theConfiguredServerMayBeNamedByAnySchemeButNotByAnotherPortOrHost() throws Exception {
        int port = coturn.config().listeningPort();
        assertThat(post(TURN_KEY, "{\"urls\":[\"stun:127.0.0.1:" + port + "\",\"turn:127.0.0.1:" + port
                + "?transport=tcp\"]}").statusCode()).isEqualTo(200);
        assertThat(post(TURN_KEY, "{\"urls\":[\"stun:127.0.0.1:" + (port + 1) + "\"]}").statusCode()).isEqualTo(403);
        assertThat(post(TURN_KEY, "{\"urls\":[\"stun:127.0.0.2:" + port + "\"]}").statusCode()).isEqualTo(403);
        assertThat(post(TURN_KEY, "{\"urls\":[\"stun:169.254.169.254\"]}").statusCode()).isEqualTo(403);
    }

    @Test
    void authIsRequiredAndScoped() throws Exception {
        assertThat(post(null, "{}").statusCode()).isEqualTo(401);
        assertThat(post(ROOM_KEY, "{}").statusCode()).isEqualTo(403);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"timeoutMs\":99}                                   | timeoutMs",
        "{\"timeoutMs\":10001}                                | timeoutMs",
        "{\"urls\":[\"http://x\"]}                             | urls",
        "{\"urls\":[\"stun:a\",\"stun:a\",\"stun:a\",\"stun:a\",\"stun:a\",\"stun:a\",\"stun:a\",\"stun:a\",\"stun:a\"]} | urls",
        "{\"username\":\"u\"}                                 | credential",
        "{\"probePeer\":\"evil.example\"}                     | probePeer",
        "{\"unknown\":1}                                      | unknown",
    })
    void badInputIs400NamingTheField(String body, String field) throws Exception {
        HttpResponse<String> r = post(TURN_KEY, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).toString()).contains(field);
    }

    @Test
    void theEdgesAreAccepted() throws Exception {
        assertThat(post(TURN_KEY, "{\"timeoutMs\":100}").statusCode()).isEqualTo(200);
        String eight = String.join(",", java.util.Collections.nCopies(8, "\"turns:127.0.0.1:1\""));
        HttpResponse<String> r = post(ADMIN_KEY, "{\"urls\":[" + eight + "]}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).get("passed").asBoolean()).isFalse();
    }
}
