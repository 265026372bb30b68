package io.skyrtc.signaling.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.skyrtc.signaling.SkyrtcServer;
import io.skyrtc.signaling.testing.ServerFixture;
import io.skyrtc.signaling.testing.TestServers;
import io.skyrtc.turn.testing.CoturnServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The health monitor drops a stopped coturn from iceServers and restores it when it is back. */
class TurnHealthTest {
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final ServerFixture fx = new ServerFixture();
    @TempDir
    Path dir;
    CoturnServer coturn;

    @AfterEach
    void stopCoturn() {
        if (coturn != null) {
            coturn.close();
        }
    }

    JsonNode get(SkyrtcServer s, String path) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(s.baseUri() + path))
                .header("Authorization", "Bearer dev").build();
        HttpResponse<String> r = HTTP.send(req, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    String state(SkyrtcServer s) throws Exception {
        return get(s, "/v1/turn/health").get("servers").get(0).get("state").asText();
    }

    List<String> handedOutTurnUrls(JsonNode iceServers) {
        return iceServers.findValues("urls").stream().flatMap(u -> u.findValuesAsText("urls").stream()).toList();
    }

    @Test
    void aStoppedCoturnIsLeftOutOfIceServersUntilItPassesAgain() throws Exception {
        coturn = CoturnServer.start(dir, "dev1", "dev: true\nallowLoopbackPeers: true", List.of(CoturnServer.SECRET));
        String tls = "turns:127.0.0.1:1";  // not checkable by ice4j: must never be dropped
        SkyrtcServer s = fx.use(TestServers.dev(Map.of(
                "turn.urls", "[\"" + coturn.turnUrl() + "\",\"" + tls + "\"]",
                "turn.secrets", "[\"" + CoturnServer.SECRET + "\"]",
                "turn.healthIntervalMs", "1000",
                "turn.checkTimeoutMs", "300")));
        await().atMost(Duration.ofSeconds(10)).until(() -> state(s).equals("up"));
        JsonNode health = get(s, "/v1/turn/health");
        assertThat(health.get("enabled").asBoolean()).isTrue();
        assertThat(health.get("servers").get(0).get("last").get("relayedAddress").asText()).startsWith("127.0.0.1:");
        assertThat(health.get("servers").get(1).get("state").asText()).isEqualTo("not-checked");
        JsonNode creds = get(s, "/v1/turn/credentials");
        assertThat(creds.get("rest").get("uris")).extracting(JsonNode::asText).containsExactly(coturn.turnUrl(), tls);

        coturn.stop();
        await().atMost(Duration.ofSeconds(10)).until(() -> state(s).equals("down"));
        JsonNode down = get(s, "/v1/turn/health");
        assertThat(down.get("usable").asInt()).isEqualTo(1);
        assertThat(down.get("servers").get(0).get("last").get("detail").asText()).startsWith("timeout");
        JsonNode without = get(s, "/v1/turn/credentials");
        assertThat(without.get("rest").get("uris")).extracting(JsonNode::asText).containsExactly(tls);
        JsonNode welcome = fx.client(s).join("room-h", null);
        assertThat(welcome.get("iceServers").toString()).doesNotContain(coturn.turnUrl()).contains(tls);

        coturn.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> state(s).equals("up"));
        JsonNode back = fx.client(s).join("room-h2", null);
        assertThat(back.get("iceServers").toString()).contains(coturn.turnUrl());
    }

    @Test
    void withoutTurnHealthIsDisabledAndEmpty() throws Exception {
        SkyrtcServer s = fx.use(TestServers.dev(Map.of()));
        JsonNode h = get(s, "/v1/turn/health");
        assertThat(h.get("enabled").asBoolean()).isFalse();
        assertThat(h.get("servers")).isEmpty();
    }
}
