package io.skyrtc.signaling.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.skyrtc.signaling.SkyrtcServer;
import io.skyrtc.signaling.config.ConfigException;
import io.skyrtc.signaling.testing.Api;
import io.skyrtc.signaling.testing.ServerFixture;
import io.skyrtc.signaling.testing.TestServers;
import io.skyrtc.signaling.testing.WsClient;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** server.metrics.port serves /metrics alone; readiness gated on the actor core when asked; the detached-peers gauge. */
class MetricsPortAndReadinessTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final ServerFixture fx = new ServerFixture();

    @Test
    void aMetricsPortOfItsOwnServesMetricsAndNothingElse() throws Exception {
        SkyrtcServer s = fx.use(TestServers.dev(Map.of("server.metrics.port", "0")));
        assertThat(s.metricsPort()).isNotEqualTo(s.port()).isPositive();
        URI metrics = URI.create("http://127.0.0.1:" + s.metricsPort());
        HttpResponse<String> scrape = Api.get(metrics, "/metrics", null);
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body()).contains("skyrtc_peers_detached").contains("skyrtc_turn_servers_usable");
        assertThat(Api.get(s.baseUri(), "/metrics", null).statusCode()).isEqualTo(404);
        for (String path : new String[] {"/readyz", "/", "/v1/admin/rooms", "/ws"}) {
            HttpResponse<String> r = Api.get(metrics, path, "dev");
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(JSON.readTree(r.body()).at("/error/message").asText()).contains("serves /metrics and /livez only");
        }
        HttpResponse<String> live = Api.get(metrics, "/livez", null);  // the image's HEALTHCHECK probes it there
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(live.body())).isEqualTo(JSON.readTree(Api.get(s.baseUri(), "/livez", null).body()));
        assertThatThrownBy(() -> WsClient.connect(metrics)).as("no WebSocket on the metrics port").isNotNull();
        assertThat(Api.get(s.baseUri(), "/readyz", null).statusCode()).isEqualTo(200);
    }

    @Test
    void theMetricsPortCannotBeTheMainPort() {
        assertThatThrownBy(() -> TestServers.config(Map.of("server.port", "9000", "server.metrics.port", "9000")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("server.metrics.port");
    }

    @Test
    void readinessWaitsForTheActorCoreOnlyWhenRequired() throws Exception {
        // a gate nobody listens on: the link stays down
        String gate = "[{\"name\":\"game\",\"host\":\"127.0.0.1\",\"port\":1,\"reconnectMaxMs\":60000}]";
        SkyrtcServer shown = fx.use(TestServers.dev(Map.of("actorCore.gates", gate)));
        HttpResponse<String> ok = Api.get(shown.baseUri(), "/readyz", null);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(ok.body()).get("actorCore").asText()).isEqualTo("down");
        assertThat(JSON.readTree(ok.body()).get("turn").asText()).isEqualTo("off");

        SkyrtcServer gated = fx.use(TestServers.dev(Map.of("actorCore.gates", gate,
                "server.readiness.requireActorCore", "true")));
        HttpResponse<String> not = Api.get(gated.baseUri(), "/readyz", null);
        assertThat(not.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(not.body()).at("/error/message").asText()).isEqualTo("actor-core-down");

        SkyrtcServer none = fx.use(TestServers.dev(Map.of("server.readiness.requireActorCore", "true")));
        JsonNode off = JSON.readTree(Api.get(none.baseUri(), "/readyz", null).body());
        assertThat(off.get("status").asText()).isEqualTo("ready");
        assertThat(off.get("actorCore").asText()).isEqualTo("off");
    }

    @Test
    void detachedPeersAreAGauge() throws Exception {
        SkyrtcServer s = fx.use(TestServers.dev(Map.of()));
        WsClient a = fx.client(s);
        JsonNode welcome = a.join("r", null);
        a.drop();
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> s.metrics().detachedPeers.get() == 1);
        assertThat(s.scrapeMetrics()).containsPattern("skyrtc_peers_detached\\{node=\"[^\"]+\"} 1\\.0");
        fx.client(s).resume("r", welcome.get("resumeToken").asText(), a);
        assertThat(s.metrics().detachedPeers.get()).isZero();
        assertThat(s.metrics().peers.get()).isEqualTo(1);
    }
}
