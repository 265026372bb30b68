package io.skyrtc.turn.coturn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CoturnRendererTest {
    static CoturnConfig config(String yamlEnv) {
        return CoturnProfiles.parse("base: {realm: turn.example.com, staticAuthSecrets: [s3cret-0123456789abcdef]}\n"
                + "environments:\n  e: " + yamlEnv + "\n").environment("e");
    }

    static List<String> lines(String conf) {
        return conf.lines().filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    @Test
    void prodRendersTheHardenedSet() {
        List<String> l = lines(CoturnRenderer.render("prod", config("{}")));
        assertThat(l).contains("use-auth-secret", "static-auth-secret=s3cret-0123456789abcdef",
                "realm=turn.example.com", "fingerprint", "no-multicast-peers", "stale-nonce=600", "no-cli",
                "no-tls", "no-dtls", "user-quota=12", "total-quota=1200", "listening-port=3478", "min-port=49152",
                "max-port=65535", "denied-peer-ip=127.0.0.0-127.255.255.255", "denied-peer-ip=::1",
                "denied-peer-ip=169.254.0.0-169.254.255.255", "denied-peer-ip=100.64.0.0-100.127.255.255",
                "denied-peer-ip=fc00::-fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "simple-log",
                "no-tcp-relay", "no-rfc5780", "no-stun-backward-compatibility", "response-origin-only-with-rfc5780",
                "no-software-attribute", "denied-peer-ip=192.88.99.0-192.88.99.255",
                "denied-peer-ip=2002::-2002:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
                "denied-peer-ip=2001::-2001:1ff:ffff:ffff:ffff:ffff:ffff:ffff",
                "denied-peer-ip=100::-100::ffff:ffff:ffff:ffff", "max-bps=500000", "bps-capacity=125000000");
        // coturn reads an all-zero bound as open-ended: "::" would deny every peer (its own rule refuses ::)
        assertThat(l).doesNotContain("denied-peer-ip=::");
        assertThat(l).noneMatch(s -> s.startsWith("user=") || s.startsWith("lt-cred-mech")
                || s.startsWith("allow-loopback-peers") || s.contains("prometheus-username-labels"));
        assertThat(l.stream().filter(s -> s.startsWith("denied-peer-ip="))).hasSize(PeerIpRanges.HARDENED_DENIED.size());
    }

    @Test
    void devOverlayAllowsLoopbackAndDropsOnlyTheLoopbackDenials() {
        List<String> l = lines(CoturnRenderer.render("dev", config("{dev: true, allowLoopbackPeers: true}")));
        assertThat(l).contains("allow-loopback-peers", "denied-peer-ip=10.0.0.0-10.255.255.255");
        assertThat(l).doesNotContain("denied-peer-ip=127.0.0.0-127.255.255.255", "denied-peer-ip=::1");
        assertThat(l.stream().filter(s -> s.startsWith("denied-peer-ip="))).hasSize(PeerIpRanges.HARDENED_DENIED.size() - 2);
    }

    @Test
    void everyConfiguredFeatureIsRendered() {
        String conf = CoturnRenderer.render("prod", config("""
                {listeningIps: [10.0.0.5], relayIps: [10.0.0.5], externalIps: [203.0.113.10/10.0.0.5],
                 tls: {cert: /c.pem, pkey: /k.pem}, maxBps: 250000, bpsCapacity: 0, allowedPeerIps: [10.0.0.7],
                 allowDeniedRanges: true, allowDeniedRangesReason: "media server\nin the VPC",
                 prometheus: {enabled: true}, cli: {enabled: true, passwordHash: "$5$abc$def"},
                 pidFile: /run/t.pid, userDb: /var/t.db, verbose: true, staticAuthSecrets: [aaaaaaaaaaaaaaaa, bbbbbbbbbbbbbbbb]}"""));
        assertThat(lines(conf)).contains("listening-ip=10.0.0.5", "relay-ip=10.0.0.5",
                "external-ip=203.0.113.10/10.0.0.5", "tls-listening-port=5349", "cert=/c.pem", "pkey=/k.pem",
                "no-tlsv1", "no-tlsv1_1", "max-bps=250000", "allowed-peer-ip=10.0.0.7", "prometheus",
                "prometheus-port=9641", "prometheus-address=127.0.0.1", "cli-ip=127.0.0.1", "cli-port=5766", "cli-password=$5$abc$def",
                "pidfile=/run/t.pid", "userdb=/var/t.db", "verbose", "static-auth-secret=aaaaaaaaaaaaaaaa",
                "static-auth-secret=bbbbbbbbbbbbbbbb");
        assertThat(lines(conf)).doesNotContain("no-tls", "no-cli").noneMatch(l -> l.startsWith("bps-capacity"));
        assertThat(conf).contains("# allowed-peer-ip re-opens denied ranges: media server in the VPC\n");
    }

    @Test
    void commandLineFormCarriesTheSameSettings() {
        List<String> args = CoturnRenderer.commandLine("prod", config("{}"));
        assertThat(args).startsWith("-n").contains("--use-auth-secret", "--realm=turn.example.com", "--no-cli");
    }

    @Test
    void refusesToRenderAnInconsistentConfigAndListsEveryProblem() {
        assertThatThrownBy(() -> CoturnRenderer.render("prod", config("{realm: '', minPort: 6000, maxPort: 5000}")))
                .isInstanceOf(CoturnConfigException.class)
                .hasMessageContaining("prod.realm: required")
                .hasMessageContaining("prod.minPort: greater than maxPort (6000 > 5000)");
    }

    @Test
    void valuesCannotSmuggleExtraLines() {
        assertThatThrownBy(() -> CoturnRenderer.render("prod", config("{pidFile: \"/x\\nuser=evil:pw\"}")))
                .isInstanceOf(CoturnConfigException.class).hasMessageContaining("line break");
    }
}
