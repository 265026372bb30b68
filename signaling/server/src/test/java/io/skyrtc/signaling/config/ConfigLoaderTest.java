package io.skyrtc.signaling.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    private static final String SECRET = "0123456789abcdef0123456789abcdef";

    @TempDir
    Path dir;

    /** The configuration in dev mode with the given SKYRTC_* variables (name, value, ...). */
    private static SkyrtcConfig dev(String... env) {
        Map<String, String> vars = new HashMap<>(Map.of("SKYRTC_SERVER_DEV", "true"));
        for (int i = 0; i < env.length; i += 2) {
            vars.put(env[i], env[i + 1]);
        }
        return ConfigLoader.load(null, vars);
    }

    /** Start-up is refused, naming {@code key}. */
    private static void assertDevRefuses(String variable, String value, String key) {
        assertThatThrownBy(() -> dev(variable, value)).isInstanceOf(ConfigException.class).hasMessageContaining(key);
    }

    private Path yaml(String text) throws Exception {
        Path f = dir.resolve("skyrtc.yaml");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void defaultsAreValidInDevAndDocumentedValues() {
        SkyrtcConfig c = dev();
        assertThat(c.server().port()).isEqualTo(8080);
        assertThat(c.server().effectiveHost()).isEqualTo("127.0.0.1");
        assertThat(c.limits().maxFrameBytes()).isEqualTo(65536);
        assertThat(c.limits().ratePerSecond()).isEqualTo(50);
        assertThat(c.limits().rateBurst()).isEqualTo(200);
        assertThat(c.rooms().maxPeersPerRoom()).isEqualTo(16);
        assertThat(c.rooms().resumeGraceMs()).isEqualTo(20_000);
        assertThat(c.rooms().resumeQueueMaxBytes()).isEqualTo(1 << 20);
        assertThat(c.server().workerThreads()).isEqualTo(32);
    }

    @Test
    void productionRequiresARoomTokenSecret() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("auth.roomTokenSecret");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("SKYRTC_AUTH_ROOM_TOKEN_SECRET", "short")))
                .hasMessageContaining("auth.roomTokenSecret").hasMessageContaining("32 bytes");
        assertThat(ConfigLoader.load(null, Map.of("SKYRTC_AUTH_ROOM_TOKEN_SECRET", SECRET))
                .server().effectiveHost()).isEqualTo("0.0.0.0");
    }

    @Test
    void fileThenEnvOverride() throws Exception {
        Path f = yaml("server:\n  port: 9000\n  dev: true\nrooms:\n  maxPeersPerRoom: 4\n");
        SkyrtcConfig c = ConfigLoader.load(f, Map.of("SKYRTC_ROOMS_MAX_PEERS_PER_ROOM", "6"));
        assertThat(c.server().port()).isEqualTo(9000);
        assertThat(c.rooms().maxPeersPerRoom()).isEqualTo(6);
    }

    @Test
    void unknownKeysAndBadValuesNameTheKey() throws Exception {
        assertThatThrownBy(() -> ConfigLoader.load(yaml("rooms:\n  maxPeers: 4\n"), Map.of()))
                .hasMessage("unknown key: rooms.maxPeers");
        assertThatThrownBy(() -> ConfigLoader.load(yaml("server:\n  dev: true\n  port: lots\n"), Map.of()))
                .hasMessageContaining("server.port");
        assertDevRefuses("SKYRTC_ROOMS_MAX_PEERS", "3", "SKYRTC_ROOMS_MAX_PEERS");
        assertDevRefuses("SKYRTC_LIMITS_PING_INTERVAL_MS", "90000", "limits.pingIntervalMs");
        assertDevRefuses("SKYRTC_ROOMS_MAX_PEERS_PER_ROOM", "1", "rooms.maxPeersPerRoom");
        // the replay/queue byte bound at its edge
        assertDevRefuses("SKYRTC_ROOMS_RESUME_QUEUE_MAX_BYTES", "1023", "rooms.resumeQueueMaxBytes");
        assertThat(dev("SKYRTC_ROOMS_RESUME_QUEUE_MAX_BYTES", "1024").rooms().resumeQueueMaxBytes()).isEqualTo(1024);
        // the worker pool at its edges; the pool's size adds the network threads it lends
        assertDevRefuses("SKYRTC_SERVER_WORKER_THREADS", "3", "server.workerThreads");
        assertDevRefuses("SKYRTC_SERVER_WORKER_THREADS", "1001", "server.workerThreads");
        SkyrtcConfig.Server four = dev("SKYRTC_SERVER_WORKER_THREADS", "4", "SKYRTC_SERVER_SELECTORS", "3").server();
        assertThat(four.maxThreads()).isEqualTo(4 + 3 + 1);
    }

    @Test
    void secretsFromEnvAndFiles() throws Exception {
        Path secretFile = dir.resolve("secret");
        Files.writeString(secretFile, SECRET + "\n");
        SkyrtcConfig c = ConfigLoader.load(yaml("auth:\n  roomTokenSecret: ${file:" + secretFile + "}\n"), Map.of());
        assertThat(c.auth().roomTokenSecret()).isEqualTo(SECRET);
        SkyrtcConfig e = ConfigLoader.load(yaml("auth:\n  roomTokenSecret: ${env:MY_SECRET}\n"),
                Map.of("MY_SECRET", SECRET));
        assertThat(e.auth().roomTokenSecret()).isEqualTo(SECRET);
        assertThatThrownBy(() -> ConfigLoader.load(yaml("auth:\n  roomTokenSecret: ${env:NOPE}\n"), Map.of()))
                .hasMessageContaining("auth.roomTokenSecret").hasMessageContaining("NOPE");
    }

    @Test
    void listsFromEnvAsCsvOrJson() {
        SkyrtcConfig c = ConfigLoader.load(null, Map.of("SKYRTC_SERVER_DEV", "true",
                "SKYRTC_SERVER_ALLOWED_ORIGINS", "https://a.example, https://b.example",
                "SKYRTC_AUTH_API_KEYS", "[{\"name\":\"ops\",\"sha256\":\"" + "ab".repeat(32) + "\"}]"));
        assertThat(c.server().allowedOrigins()).containsExactly("https://a.example", "https://b.example");
        assertThat(c.auth().apiKeys()).extracting(SkyrtcConfig.ApiKey::name).containsExactly("ops");
    }

    @Test
    void printMasksSecrets() {
        SkyrtcConfig c = ConfigLoader.load(null, Map.of("SKYRTC_AUTH_ROOM_TOKEN_SECRET", SECRET,
                "SKYRTC_ICE_SERVERS", "[{\"urls\":[\"turn:t.example:3478\"],\"username\":\"u\",\"credential\":\"pw-secret\"}]"));
        String printed = ConfigPrinter.toYaml(c);
        assertThat(printed).doesNotContain(SECRET).doesNotContain("pw-secret").contains("********")
                .contains("maxPeersPerRoom: 16");
    }

    @Test
    void everyKeyHasAnEnvName() {
        assertThat(ConfigLoader.envNames()).containsEntry("server.port", "SKYRTC_SERVER_PORT")
                .containsEntry("limits.maxFrameBytes", "SKYRTC_LIMITS_MAX_FRAME_BYTES")
                .containsEntry("auth.apiKeys", "SKYRTC_AUTH_API_KEYS");
    }

    @Test
    void vendorTurnAndKeyScopeSettingsAreValidatedAndSecretsMasked() throws Exception {
        String dev = "server:\n  dev: true\n";
        assertThatThrownBy(() -> ConfigLoader.load(yaml(dev + "turn:\n  urls: [turn:t.example:3478]\n"), Map.of()))
                .hasMessageContaining("turn.secrets");
        assertThatThrownBy(() -> ConfigLoader.load(yaml(dev + "turn:\n  urls: [http://t]\n  secrets: [s]\n"), Map.of()))
                .hasMessageContaining("turn.urls");
        assertThatThrownBy(() -> ConfigLoader.load(yaml(dev + "turn:\n  ttlSeconds: 86401\n"), Map.of()))
                .hasMessageContaining("turn.ttlSeconds");
        assertThatThrownBy(() -> ConfigLoader.load(yaml(dev + "vendors:\n  agora:\n    - {name: a, appId: x, appCertificate: y}\n"),
                Map.of())).hasMessageContaining("vendors.agora[0].appId");
        String key = "auth:\n  apiKeys:\n    - {name: k, sha256: " + "a".repeat(64) + ", scopes: [agora:nope]}\n";
        assertThatThrownBy(() -> ConfigLoader.load(yaml(dev + key), Map.of())).hasMessageContaining("unknown scope 'agora:nope'");

        SkyrtcConfig ok = ConfigLoader.load(yaml(dev + "turn:\n  urls: [turn:t.example:3478]\n  secrets: [turn-secret-1]\n"
                + "vendors:\n  agora:\n    - {name: a, appId: " + "a".repeat(32) + ", appCertificate: " + "b".repeat(32) + "}\n"
                + "  tencent:\n    - {name: t, sdkAppId: 1400000001, secretKey: tencent-secret-1}\n"), Map.of());
        assertThat(ok.auth().apiKeys()).isEmpty();
        String printed = ConfigPrinter.toYaml(ok);
        assertThat(printed).doesNotContain("turn-secret-1", "b".repeat(32), "tencent-secret-1").contains("a".repeat(32));
    }
}
