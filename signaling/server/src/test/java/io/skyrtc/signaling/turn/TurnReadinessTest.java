package io.skyrtc.signaling.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.skyrtc.signaling.SkyrtcServer;
import io.skyrtc.signaling.testing.Api;
import io.skyrtc.signaling.testing.ServerFixture;
import io.skyrtc.signaling.testing.TestServers;
import io.skyrtc.turn.testing.CoturnServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code server.readiness.requireTurn} against a real coturn that is stopped and started again: /readyz
 * shows the TURN state always and is 503 {@code turn-down} only where TURN is required.
 */
class TurnReadinessTest {
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

    SkyrtcServer checking(boolean requireTurn) {
        Map<String, String> config = new HashMap<>(Map.of(
                "turn.urls", "[\"" + coturn.turnUrl() + "\"]",
                "turn.secrets", "[\"" + CoturnServer.SECRET + "\"]",
                "turn.healthIntervalMs", "1000",
                "turn.checkTimeoutMs", "300"));
        config.put("server.readiness.requireTurn", Boolean.toString(requireTurn));
        return fx.use(TestServers.dev(config));
    }

    static HttpResponse<String> readyz(SkyrtcServer s) throws Exception {
        return Api.get(s.baseUri(), "/readyz", null);
    }

    static String turn(SkyrtcServer s) throws Exception {
        HttpResponse<String> r = readyz(s);
        return r.statusCode() == 200 ? JSON.readTree(r.body()).get("turn").asText()
                : JSON.readTree(r.body()).at("/error/message").asText();
    }

    @Test
    void readinessWaitsForTurnOnlyWhenRequired() throws Exception {
        coturn = CoturnServer.start(dir, "dev1", "dev: true\nallowLoopbackPeers: true", List.of(CoturnServer.SECRET));
        SkyrtcServer gated = checking(true);
        SkyrtcServer shown = checking(false);
        await().atMost(Duration.ofSeconds(20)).until(() -> turn(gated).equals("ok") && turn(shown).equals("ok"));
        assertThat(readyz(gated).statusCode()).isEqualTo(200);

        coturn.stop();
        await().atMost(Duration.ofSeconds(20)).until(() -> readyz(gated).statusCode() == 503);
        HttpResponse<String> not = readyz(gated);
        assertThat(JSON.readTree(not.body()).at("/error/code").asText()).isEqualTo("not-ready");
        assertThat(JSON.readTree(not.body()).at("/error/message").asText()).isEqualTo("turn-down");
        await().atMost(Duration.ofSeconds(20)).until(() -> turn(shown).equals("down"));
        HttpResponse<String> stillReady = readyz(shown);
        assertThat(stillReady.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(stillReady.body());
        assertThat(body.get("status").asText()).isEqualTo("ready");

        coturn.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> readyz(gated).statusCode() == 200);
        assertThat(turn(gated)).isEqualTo("ok");

        // required but not configured: nothing to wait for
        SkyrtcServer none = fx.use(TestServers.dev(Map.of("server.readiness.requireTurn", "true")));
        assertThat(readyz(none).statusCode()).isEqualTo(200);
        assertThat(turn(none)).isEqualTo("off");
    }
}
