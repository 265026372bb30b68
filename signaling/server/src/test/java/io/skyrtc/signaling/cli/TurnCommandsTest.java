package io.skyrtc.signaling.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.skyrtc.turn.TurnRestCredentials;
import io.skyrtc.turn.testing.CoturnServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ice-check, turn-conf and turn-creds as an operator runs them. */
class TurnCommandsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String AUTH = "auth: {roomTokenSecret: room-token-secret-room-token-secret-0123}\n";
    static final Path EXAMPLE = Path.of("..", "..", "docs", "examples", "coturn-profiles.yaml");

    @TempDir
    static Path dir;
    static CoturnServer coturn;

    @BeforeAll
    static void start() throws Exception {
        coturn = CoturnServer.start(dir, "dev1", "dev: true\nallowLoopbackPeers: true", List.of(CoturnServer.SECRET));
    }

    @AfterAll
    static void stop() {
        coturn.close();
    }

    @Test
    void iceCheckExitsZeroOnlyWhenEveryCheckedServerPassed() throws Exception {
        CliRun.Run ok = CliRun.run("ice-check", coturn.stunUrl(), coturn.turnUrl(), "--secret", CoturnServer.SECRET,
                "--json");
        assertThat(ok.exit()).as(ok.err()).isZero();
        JsonNode report = JSON.readTree(ok.out());
        assertThat(report.get("servers").get(1).get("relayedAddress").asText()).startsWith("127.0.0.1:");

        CliRun.Run wrong = CliRun.run("ice-check", coturn.turnUrl(), "--secret", "wrong-secret-0000000000");
        assertThat(wrong.exit()).isEqualTo(1);
        assertThat(wrong.out()).contains("FAILED", "error 401");

        CliRun.Run tlsOnly = CliRun.run("ice-check", "turns:127.0.0.1:5349");
        assertThat(tlsOnly.exit()).isEqualTo(3);
        assertThat(tlsOnly.out()).contains("NOT-CHECKED", "NOTHING CHECKED");
    }

    @Test
    void iceCheckTakesAFixedUsernameAndCredential() {
        var c = new TurnRestCredentials(List.of(CoturnServer.SECRET), Clock.systemUTC())
                .issue("op", java.time.Duration.ofMinutes(5));
        CliRun.Run r = CliRun.run("ice-check", coturn.turnUrl(), "--username", c.username(), "--credential",
                c.password(), "--timeout-ms", "2000");
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("PASSED", "relayed 127.0.0.1:");
    }

    @Test
    void iceCheckRejectsBadArguments() {
        assertThat(CliRun.run("ice-check").exit()).isEqualTo(2);
        assertThat(CliRun.run("ice-check", coturn.turnUrl(), "--secret", "s", "--username", "u", "--credential", "c")
                .exit()).isEqualTo(2);
        assertThat(CliRun.run("ice-check", coturn.turnUrl(), "--timeout-ms", "0").exit()).isEqualTo(2);
    }

    @Test
    void turnConfRendersAnEnvironmentWithSkyrtcsSecret() throws Exception {
        Path config = dir.resolve("skyrtc.yaml");
        Files.writeString(config, AUTH + "turn:\n  secrets: [from-skyrtc-config-0123456789]\n  profilesFile: " + EXAMPLE + "\n");
        CliRun.Run r = CliRun.run("turn-conf", "render", "--env", "dev2", "--config", config.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("listening-port=3480", "static-auth-secret=from-skyrtc-config-0123456789",
                "allow-loopback-peers", "realm=turn.example.com");
        CliRun.Run unknown = CliRun.run("turn-conf", "render", "--env", "staging", "--config", config.toString());
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("have: prod, dev1, dev2");
        assertThat(CliRun.run("turn-conf", "check", "--config", config.toString()).out()).contains("ok: prod, dev1, dev2");
    }

    @Test
    void turnConfRefusesInconsistentProfiles() throws Exception {
        Path profiles = dir.resolve("clash.yaml");
        Files.writeString(profiles, "base: {realm: r, dev: true, host: box}\nenvironments:\n"
                + "  a: {listeningPort: 3479, minPort: 40000, maxPort: 40099}\n"
                + "  b: {listeningPort: 3479, minPort: 41000, maxPort: 41099}\n");
        Path config = dir.resolve("clash-skyrtc.yaml");
        Files.writeString(config, AUTH + "turn:\n  secrets: [from-skyrtc-config-0123456789]\n");
        CliRun.Run check = CliRun.run("turn-conf", "check", "--profiles", profiles.toString(), "--config",
                config.toString());
        assertThat(check.exit()).isEqualTo(1);
        assertThat(check.err()).contains("a and b (host box): both listen on port 3479");
        Path noSecret = dir.resolve("empty.yaml");
        Files.writeString(noSecret, AUTH);
        CliRun.Run render = CliRun.run("turn-conf", "render", "--env", "a", "--profiles", profiles.toString(),
                "--config", noSecret.toString());
        assertThat(render.exit()).isEqualTo(1);
        assertThat(render.err()).contains("a.staticAuthSecrets: no TURN REST secret");
        assertThat(CliRun.run("turn-conf", "render", "--env", "a", "--config", noSecret.toString()).err())
                .contains("no coturn profiles");
    }

    @Test
    void turnConfCheckRefusesAProdProfileThatAllowsDeniedRangesWithoutAReason() throws Exception {
        Path config = dir.resolve("open-skyrtc.yaml");
        Files.writeString(config, AUTH + "turn:\n  secrets: [from-skyrtc-config-0123456789]\n");
        Path open = dir.resolve("open.yaml");
        Files.writeString(open, "base: {realm: r}\nenvironments:\n  prod: {allowedPeerIps: [0.0.0.1-255.255.255.255]}\n");
        CliRun.Run refused = CliRun.run("turn-conf", "check", "--profiles", open.toString(), "--config", config.toString());
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("prod.allowedPeerIps: '0.0.0.1-255.255.255.255' re-opens denied range");
        Path justified = dir.resolve("justified.yaml");
        Files.writeString(justified, "base: {realm: r}\nenvironments:\n  prod: {allowedPeerIps: [10.0.0.7], "
                + "allowDeniedRanges: true, allowDeniedRangesReason: 'SFU at 10.0.0.7'}\n");
        CliRun.Run ok = CliRun.run("turn-conf", "check", "--profiles", justified.toString(), "--config",
                config.toString());
        assertThat(ok.exit()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("ok: prod");
    }

    @Test
    void turnCredsMintsVerifiableCredentials() throws Exception {
        Path config = dir.resolve("creds.yaml");
        Files.writeString(config, AUTH + "turn:\n  urls: [\"" + coturn.turnUrl() + "\"]\n  secrets: [\"" + CoturnServer.SECRET
                + "\"]\n  ttlSeconds: 600\n");
        CliRun.Run r = CliRun.run("turn-creds", "--user", "alice", "--config", config.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode out = JSON.readTree(r.out());
        JsonNode ice = out.get("iceServers").get(0);
        assertThat(ice.get("username").asText()).endsWith(":alice");
        assertThat(new TurnRestCredentials(List.of(CoturnServer.SECRET), Clock.systemUTC())
                .verify(ice.get("username").asText(), ice.get("credential").asText())).isTrue();
        assertThat(out.get("rest").get("ttl").asLong()).isBetween(599L, 600L);
        // and coturn accepts them
        CliRun.Run check = CliRun.run("ice-check", coturn.turnUrl(), "--username", ice.get("username").asText(),
                "--credential", ice.get("credential").asText());
        assertThat(check.exit()).as(check.out()).isZero();
    }
}
