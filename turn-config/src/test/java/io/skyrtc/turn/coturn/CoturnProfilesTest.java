package io.skyrtc.turn.coturn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CoturnProfilesTest {
    static final List<String> SECRETS = List.of("0123456789abcdef-secret");

    @Test
    void overlaysMergeOverTheBaseKeyByKey() {
        CoturnProfiles p = CoturnProfiles.parse("""
                base:
                  realm: r.example
                  listeningPort: 3478
                  prometheus: {enabled: true, port: 9000}
                  externalIps: [203.0.113.1]
                environments:
                  prod: {}
                  dev1:
                    listeningPort: 3479
                    prometheus: {port: 9001}
                    externalIps: []
                """);
        assertThat(p.names()).containsExactly("prod", "dev1");
        CoturnConfig prod = p.environment("prod");
        CoturnConfig dev1 = p.environment("dev1");
        assertThat(prod.listeningPort()).isEqualTo(3478);
        assertThat(dev1.listeningPort()).isEqualTo(3479);
        assertThat(dev1.realm()).isEqualTo("r.example");
        // nested objects merge: enabled comes from base, port from the overlay
        assertThat(dev1.prometheus().enabled()).isTrue();
        assertThat(dev1.prometheus().port()).isEqualTo(9001);
        // lists replace
        assertThat(dev1.externalIps()).isEmpty();
        assertThat(prod.externalIps()).containsExactly("203.0.113.1");
    }

    @Test
    void defaultsAreTheHardenedOnes() {
        CoturnConfig c = CoturnProfiles.parse("base: {realm: r}\nenvironments: {prod: }").environment("prod");
        assertThat(c.deniedPeerIps()).isEqualTo(PeerIpRanges.HARDENED_DENIED);
        assertThat(c.allowLoopbackPeers()).isFalse();
        assertThat(c.cli().enabled()).isFalse();
        assertThat(c.staleNonceSeconds()).isEqualTo(600);
        assertThat(c.userQuota()).isEqualTo(12);
        assertThat(c.minPort()).isEqualTo(49152);
    }

    @Test
    void secretsFromSkyrtcFillOnlyProfilesWithout() {
        CoturnProfiles p = CoturnProfiles.parse("""
                base: {realm: r}
                environments:
                  a: {}
                  b: {staticAuthSecrets: [own-secret-0123456789]}
                """);
        Map<String, CoturnConfig> all = p.withDefaultSecrets(SECRETS);
        assertThat(all.get("a").staticAuthSecrets()).isEqualTo(SECRETS);
        assertThat(all.get("b").staticAuthSecrets()).containsExactly("own-secret-0123456789");
    }

    @Test
    void unknownKeysNameTheEnvironmentAndKey() {
        assertThatThrownBy(() -> CoturnProfiles.parse("base: {realm: r}\nenvironments: {dev1: {listenPort: 1}}"))
                .isInstanceOf(CoturnConfigException.class).hasMessageContaining("dev1").hasMessageContaining("listenPort");
        assertThatThrownBy(() -> CoturnProfiles.parse("base: {}\nenvs: {}"))
                .hasMessageContaining("unknown top-level key 'envs'");
        assertThatThrownBy(() -> CoturnProfiles.parse("base: {realm: r}\nenvironments: {}"))
                .hasMessageContaining("at least one environment");
        assertThatThrownBy(() -> CoturnProfiles.parse("base: {realm: r}\nenvironments: {a: {listeningPort: x}}"))
                .hasMessageContaining("listeningPort");
        assertThatThrownBy(() -> CoturnProfiles.parse("base: {realm: r}\nenvironments: {a: {}}").environment("b"))
                .hasMessageContaining("no coturn environment 'b' (have: a)");
    }

    @Test
    void theShippedExampleValidatesAndRendersEveryEnvironment() {
        CoturnProfiles p = CoturnProfiles.load(Path.of("..", "docs", "examples", "coturn-profiles.yaml"));
        Map<String, CoturnConfig> all = p.withDefaultSecrets(SECRETS);
        assertThat(CoturnValidator.problems(all)).isEmpty();
        all.forEach((name, c) -> assertThat(CoturnRenderer.render(name, c)).contains("realm=turn.example.com"));
    }

    @Test
    void developerInstancesOnOneHostMustNotShareListeningPortsOrRelayRanges() {
        CoturnProfiles p = CoturnProfiles.parse("""
                base: {realm: r, dev: true, host: box, listeningIps: [127.0.0.1]}
                environments:
                  dev1: {listeningPort: 3479, minPort: 40000, maxPort: 40099}
                  dev2: {listeningPort: 3479, minPort: 40050, maxPort: 40149}
                  dev3: {listeningPort: 3481, minPort: 40150, maxPort: 40199}
                  other: {host: elsewhere, listeningPort: 3479, minPort: 40000, maxPort: 40099}
                """);
        List<String> problems = CoturnValidator.problems(p.withDefaultSecrets(SECRETS));
        assertThat(problems).containsExactlyInAnyOrder(
                "dev1 and dev2 (host box): both listen on port 3479",
                "dev1 and dev2 (host box): relay ranges overlap (40000-40099, 40050-40149)");
    }
}
