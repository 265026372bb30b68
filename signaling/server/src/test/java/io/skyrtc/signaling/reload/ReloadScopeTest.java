package io.skyrtc.signaling.reload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skyrtc.signaling.SkyrtcServer;
import io.skyrtc.signaling.admin.AdminRoutes.ReloadOutcome;
import io.skyrtc.signaling.testing.ServerFixture;
import io.skyrtc.signaling.testing.WsClient;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The edges of what a reload may change: a connection limit, cluster node addresses, and gate links (refused). */
class ReloadScopeTest {
    @RegisterExtension
    final ServerFixture fx = new ServerFixture();

    @TempDir
    Path dir;

    @Test
    void aLowerConnectionLimitRefusesNewConnectionsAndKeepsOpenOnes() throws Exception {
        ReloadConfigFile cfg = new ReloadConfigFile(dir).write("key-one", "turn-one", "https://a.example", "");
        SkyrtcServer s = fx.use(cfg.start());
        WsClient first = fx.track(WsClient.connect(s.baseUri(), "https://a.example"));
        WsClient second = fx.track(WsClient.connect(s.baseUri(), "https://a.example"));

        cfg.write("key-one", "turn-one", "https://a.example", "").append("limits", "  maxConnections: 2\n");
        assertThat(s.reload("test").changed()).containsExactly("limits.maxConnections");
        assertThatThrownBy(() -> WsClient.connect(s.baseUri(), "https://a.example")).as("a third is refused");
        assertThat(first.isClosed() || second.isClosed()).as("the open ones stay").isFalse();
        assertThat(s.metrics().connections.get()).isEqualTo(2);
    }

    @Test
    void clusterNodeAddressesChangeLive() throws Exception {
        String cluster = "actorCore:\n  cluster:\n    listen: 127.0.0.1:0\n    nodes: {game: \"127.0.0.1:7001\"}\n";
        ReloadConfigFile cfg = new ReloadConfigFile(dir).write("key-one", "turn-one", "https://a.example", cluster);
        SkyrtcServer s = fx.use(cfg.start());
        assertThat(s.cluster().state().nodes()).containsEntry("game", "127.0.0.1:7001");

        cfg.write("key-one", "turn-one", "https://a.example", cluster.replace("7001", "7002"));
        assertThat(s.reload("test").changed()).containsExactly("actorCore.cluster.nodes.game");
        assertThat(s.cluster().state().nodes()).containsEntry("game", "127.0.0.1:7002");
    }

    @Test
    void gateLinksAreAddedAndRemovedLiveButNotChanged() throws Exception {
        ReloadConfigFile cfg = new ReloadConfigFile(dir).write("key-one", "turn-one", "https://a.example", "");
        SkyrtcServer s = fx.use(cfg.start());
        String gate = "actorCore:\n  gates: [{name: game, host: 127.0.0.1, port: 7009}]\n";
        cfg.write("key-one", "turn-one", "https://a.example", gate);
        assertThat(s.reload("test").outcome()).isEqualTo("ok");
        assertThat(s.gates()).extracting(g -> g.name()).containsExactly("game");
        assertThat(s.scrapeMetrics()).contains("skyrtc_gate_up{gate=\"game\"");

        cfg.write("key-one", "turn-one", "https://a.example", gate.replace("7009", "7010"));
        ReloadOutcome changed = s.reload("test");
        assertThat(changed.outcome()).isEqualTo("refused");
        assertThat(changed.reason()).isEqualTo("restart-needed");
        assertThat(changed.message()).contains("actorCore.gates[game] (a gate link's unacknowledged outbox");
        assertThat(s.gates().get(0).state().address()).contains("7009");

        cfg.write("key-one", "turn-one", "https://a.example", "");
        assertThat(s.reload("test").outcome()).isEqualTo("ok");
        assertThat(s.gates()).isEmpty();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> !s.scrapeMetrics().contains("gate=\"game\""));
    }
}
