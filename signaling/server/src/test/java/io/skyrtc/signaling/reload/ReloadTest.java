package io.skyrtc.signaling.reload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.skyrtc.signaling.SkyrtcServer;
import io.skyrtc.signaling.admin.AdminRoutes.ReloadOutcome;
import io.skyrtc.signaling.testing.Api;
import io.skyrtc.signaling.testing.ServerFixture;
import io.skyrtc.signaling.testing.WsClient;
import io.skyrtc.turn.TurnRestCredentials;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Hot reload in a running node: what changes live, what is refused, and that a refusal changes nothing. */
class ReloadTest {
    static final String TOKEN_BODY = "{\"room\":\"r1\",\"identity\":\"alice\"}";

    @RegisterExtension
    final ServerFixture fx = new ServerFixture();

    @TempDir
    Path dir;

    static int mint(SkyrtcServer s, String key) throws Exception {
        return Api.post(s.baseUri(), "/v1/tokens/room", key, TOKEN_BODY).statusCode();
    }

    @Test
    void adminReloadRotatesAnApiKey() throws Exception {
        ReloadConfigFile cfg = new ReloadConfigFile(dir).write("key-one", "turn-one", "https://a.example", "");
        SkyrtcServer s = fx.use(cfg.start());
        assertThat(mint(s, "key-one")).isEqualTo(200);
        assertThat(mint(s, "key-two")).isEqualTo(401);

        cfg.write("key-two", "turn-one", "https://a.example", "");
        HttpResponse<String> r = Api.post(s.baseUri(), "/v1/admin/reload", "key-one", "");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("\"outcome\":\"ok\"").contains("auth.apiKeys");

        assertThat(mint(s, "key-one")).as("the old key is refused").isEqualTo(401);
        assertThat(mint(s, "key-two")).as("the new key is accepted").isEqualTo(200);
    }

    @Test
    void aNewTurnSecretSignsTheCredentialsFromTheReloadOn() throws Exception {
        ReloadConfigFile cfg = new ReloadConfigFile(dir).write("key-one", "turn-one", "https://a.example", "");
        SkyrtcServer s = fx.use(cfg.start());
        JsonNode before = credentials(s);
        assertThat(verifies("turn-one", before)).isTrue();

        cfg.write("key-one", "turn-two", "https://a.example", "");
        assertThat(s.reload("test").changed()).containsExactly("turn.secrets");
        JsonNode after = credentials(s);
        assertThat(verifies("turn-two", after)).as("new credentials verify with the new secret").isTrue();
        assertThat(verifies("turn-one", after)).as("and not with the old one").isFalse();
    }

    /**
     * The health monitor is rebuilt only when what it probes changes: a reload of ttlSeconds or ice.servers
     * keeps the running one (its timer and the state of its last round); a new URL replaces it.
     */
    @Test
    void aTtlOrIceServersReloadKeepsTheTurnHealthMonitor() throws Exception {
        ReloadConfigFile cfg = new ReloadConfigFile(dir).write("key-one", "turn-one", "https://a.example", "");
        SkyrtcServer s = fx.use(cfg.start());
        var monitor = s.turn().health();
        monitor.checkNow();  // nothing listens on 3478: one failure recorded
        var checked = monitor.snapshot().servers().get(0);
        assertThat(checked.lastCheck()).isNotNull();

        cfg.write("key-one", "turn-one", "https://a.example", "ice:\n  servers:\n    - urls: [stun:127.0.0.1:3479]\n")
                .append("turn", "  ttlSeconds: 600\n");
        assertThat(s.reload("test").changed()).containsExactlyInAnyOrder("ice.servers", "turn.ttlSeconds");
        assertThat(s.turn().health()).as("same monitor after a TTL/ice.servers reload").isSameAs(monitor);
        assertThat(s.turn().health().snapshot().servers()).containsExactly(checked);
        assertThat(s.turn().refreshAfterMs()).isEqualTo(480_000);  // the new TTL is in use (80% of 600 s)

        cfg.write("key-one", "turn-one", "https://a.example", "ice:\n  servers:\n    - urls: [stun:127.0.0.1:3479]\n")
                .append("turn", "  ttlSeconds: 600\n  checkTimeoutMs: 900\n");
        assertThat(s.reload("test").changed()).containsExactly("turn.checkTimeoutMs");
        assertThat(s.turn().health()).as("a new monitor once how it probes changed").isNotSameAs(monitor);
        assertThat(s.turn().health().snapshot().servers().get(0).lastCheck()).isNull();
    }

    static JsonNode credentials(SkyrtcServer s) throws Exception {
        HttpResponse<String> r = Api.get(s.baseUri(), "/v1/turn/credentials", "key-one");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return WsClient.JSON.readTree(r.body());
    }

    static boolean verifies(String secret, JsonNode creds) {
        return new TurnRestCredentials(List.of(secret), Clock.systemUTC())
                .verify(creds.at("/rest/username").asText(), creds.at("/rest/password").asText());
    }

    @Test
    void allowedOriginsChangeForTheNextUpgrade() throws Exception {
        ReloadConfigFile cfg = new ReloadConfigFile(dir).write("key-one", "turn-one", "https://a.example", "");
        SkyrtcServer s = fx.use(cfg.start());
        WsClient a = fx.track(WsClient.connect(s.baseUri(), "https://a.example"));
        assertThatThrownBy(() -> WsClient.connect(s.baseUri(), "https://b.example")).as("b not allowed yet");

        cfg.write("key-one", "turn-one", "https://b.example", "");
        assertThat(s.reload("test").outcome()).isEqualTo("ok");
        fx.track(WsClient.connect(s.baseUri(), "https://b.example"));
        assertThatThrownBy(() -> WsClient.connect(s.baseUri(), "https://a.example")).as("a no longer allowed");
        assertThat(a.isClosed()).as("a socket opened before stays").isFalse();
    }

    @Test
    void aPortChangeIsRefusedByNameAndNothingChanges() throws Exception {
        ReloadConfigFile cfg = new ReloadConfigFile(dir).write("key-one", "turn-one", "https://a.example", "");
        SkyrtcServer s = fx.use(cfg.start());
        // a new key and a restart-only key in one file: the whole file is refused
        cfg.write("key-two", "turn-one", "https://a.example", "redis:\n  keyPrefix: other\n");
        String yaml = java.nio.file.Files.readString(cfg.file).replace("  port: 0\n", "  port: 1\n");
        java.nio.file.Files.writeString(cfg.file, yaml);

        HttpResponse<String> r = Api.post(s.baseUri(), "/v1/admin/reload", "key-one", "");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(409);
        assertThat(r.body()).contains("restart-needed").contains("server.port").contains("redis.keyPrefix")
                .doesNotContain("auth.apiKeys (");
        assertThat(mint(s, "key-one")).as("the old key still works").isEqualTo(200);
        assertThat(mint(s, "key-two")).as("the new key was not taken").isEqualTo(401);
        assertThat(s.config().server().port()).isZero();
    }

    @Test
    void aReloadAfterTheNodeStoppedChangesNothing() throws Exception {
        ReloadConfigFile cfg = new ReloadConfigFile(dir).write("key-one", "turn-one", "https://a.example", "");
        SkyrtcServer s = fx.use(cfg.start());
        s.close();
        cfg.write("key-two", "turn-one", "https://a.example", "");
        ReloadOutcome late = s.reload("sighup");
        assertThat(late.outcome()).isEqualTo("refused");
        assertThat(late.message()).contains("stopped");
    }

    @Test
    void anInvalidFileIsRefusedWhole() throws Exception {
        ReloadConfigFile cfg = new ReloadConfigFile(dir).write("key-one", "turn-one", "https://a.example", "");
        SkyrtcServer s = fx.use(cfg.start());
        cfg.write("key-two", "turn-two", "https://a.example", "rooms:\n  maxPeersPerRoom: 1\n");

        HttpResponse<String> r = Api.post(s.baseUri(), "/v1/admin/reload", "key-one", "");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
        assertThat(r.body()).contains("invalid-config").contains("rooms.maxPeersPerRoom");
        assertThat(mint(s, "key-one")).isEqualTo(200);
        assertThat(mint(s, "key-two")).isEqualTo(401);
        assertThat(verifies("turn-one", credentials(s))).as("the TURN secret is the old one").isTrue();

        cfg.write("key-two", "turn-two", "https://a.example", "unknownKey: 1\n");
        ReloadOutcome unknown = s.reload("test");
        assertThat(unknown.outcome()).isEqualTo("refused");
        assertThat(unknown.reason()).isEqualTo("invalid");
        assertThat(unknown.message()).contains("unknownKey");
        assertThat(s.scrapeMetrics()).contains("skyrtc_config_reloads_total{node=\"skyrtc\",outcome=\"invalid\"} 2.0");
    }

    @Test
    void configWatchPicksUpAFileChange() throws Exception {
        String watch = "config:\n  watch: true\n  watchDebounceMs: 100\n";
        ReloadConfigFile cfg = new ReloadConfigFile(dir).write("key-one", "turn-one", "https://a.example", watch);
        SkyrtcServer s = fx.use(cfg.start());
        assertThat(mint(s, "key-two")).isEqualTo(401);

        cfg.write("key-two", "turn-one", "https://a.example", watch);
        await().atMost(Duration.ofSeconds(30)).until(() -> mint(s, "key-two") == 200);
        assertThat(mint(s, "key-one")).isEqualTo(401);
    }

    @Test
    void logLevelsFollowTheFile() throws Exception {
        ReloadConfigFile cfg = new ReloadConfigFile(dir).write("key-one", "turn-one", "https://a.example",
                "logging:\n  levels: {io.skyrtc.test.reload: DEBUG}\n");
        SkyrtcServer s = fx.use(cfg.start());
        org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger("io.skyrtc.test.reload");
        assertThat(log.isDebugEnabled()).isTrue();
        cfg.write("key-one", "turn-one", "https://a.example", "logging:\n  levels: {io.skyrtc.test.reload: ERROR}\n");
        assertThat(s.reload("test").changed()).containsExactly("logging.levels.io.skyrtc.test.reload");
        assertThat(log.isWarnEnabled()).isFalse();
        cfg.write("key-one", "turn-one", "https://a.example", "");
        assertThat(s.reload("test").changed()).containsExactly("logging.levels.io.skyrtc.test.reload");
        assertThat(log.isInfoEnabled()).as("dropped from the map: inherits again").isTrue();
    }
}
