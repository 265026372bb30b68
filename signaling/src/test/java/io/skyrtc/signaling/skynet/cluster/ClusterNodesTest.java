package io.skyrtc.signaling.skynet.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skyrtc.signaling.config.ConfigException;
import io.skyrtc.signaling.config.SkyrtcConfig;
import io.skyrtc.signaling.testing.TestServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cluster name table: skynet's Lua config file, skyrtc's own keys, reload, and config errors. */
class ClusterNodesTest {
    @Test
    void readsASkynetClusterConfigFile() {
        Map<String, String> t = ClusterNodes.parseLua("""
                -- clustername.lua
                __nowaiting = true
                game = "10.0.0.5:2528"
                rtc = '10.0.0.9:7001';
                db = false   -- down for maintenance
                v6 = "[::1]:2528",
                """, "clustername.lua");
        assertThat(t).containsExactly(Map.entry("game", "10.0.0.5:2528"), Map.entry("rtc", "10.0.0.9:7001"),
                Map.entry("db", "false"), Map.entry("v6", "[::1]:2528"));
    }

    @Test
    void aBrokenLineIsNamedWithItsNumber() {
        assertThatThrownBy(() -> ClusterNodes.parseLua("game = \"a:1\"\ngame2 = require 'x'\n", "c.lua"))
                .hasMessageStartingWith("c.lua:2: expected name = \"host:port\"");
        assertThatThrownBy(() -> ClusterNodes.parseLua("game = \"nohost\"\n", "c.lua"))
                .hasMessageContaining("\"nohost\" is not host:port");
        assertThatThrownBy(() -> ClusterNodes.parseLua("game = \"h:70000\"\n", "c.lua"))
                .hasMessageContaining("is not host:port");
    }

    @Test
    void absentAndDownNodesFailClearly() {
        ClusterNodes nodes = new ClusterNodes(Map.of("db", "false", "game", "127.0.0.1:2528"), null);
        assertThat(nodes.address("game").getPort()).isEqualTo(2528);
        assertThatThrownBy(() -> nodes.address("db")).hasMessage("cluster node [db] is down");
        assertThatThrownBy(() -> nodes.address("nope")).hasMessage("cluster node [nope] is absent");
    }

    @Test
    void theFileWinsAndReloadReportsWhatChanged(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("c.lua");
        Files.writeString(file, "game = \"127.0.0.1:1000\"\n");
        ClusterNodes nodes = new ClusterNodes(Map.of("game", "127.0.0.1:9", "auth", "127.0.0.1:2000"), file);
        assertThat(nodes.address("game").getPort()).isEqualTo(1000);
        List<String> told = new ArrayList<>();
        nodes.onChange((n, a) -> told.add(n + "=" + a));
        Files.writeString(file, "game = \"127.0.0.1:1001\"\nchat = \"127.0.0.1:3000\"\n");
        assertThat(nodes.reload()).containsExactly("chat", "game");
        assertThat(told).containsExactly("chat=127.0.0.1:3000", "game=127.0.0.1:1001");
        assertThat(nodes.reload()).isEmpty();
        Files.writeString(file, "game = oops\n");
        assertThatThrownBy(nodes::reload).hasMessageContaining("c.lua:1");
        assertThat(nodes.address("game").getPort()).isEqualTo(1001);
    }

    @Test
    void configKeysAndTheirErrors() {
        SkyrtcConfig.Cluster c = TestServers.config(Map.of("actorCore.cluster.nodes",
                "game=127.0.0.1:2528,db=false", "actorCore.cluster.eventsNode", "game")).actorCore().cluster();
        assertThat(c.nodes()).containsEntry("game", "127.0.0.1:2528").containsEntry("db", "false");
        assertThat(c.window()).isEqualTo(64);
        assertThat(TestServers.config(Map.of("actorCore.cluster.nodes", "{\"game\":\"h:1\"}")).actorCore().cluster()
                .nodes()).containsOnlyKeys("game");
        assertThatThrownBy(() -> TestServers.config(Map.of("actorCore.cluster.eventsNode", "game")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("actorCore.cluster.eventsNode: 'game' is not in");
        assertThatThrownBy(() -> TestServers.config(Map.of("actorCore.cluster.nodes", "game=nohost")))
                .hasMessageContaining("actorCore.cluster.nodes.game: \"nohost\" is not host:port");
        assertThatThrownBy(() -> TestServers.config(Map.of("actorCore.cluster.nodes", "game")))
                .hasMessageContaining("expected name=value pairs");
        assertThatThrownBy(() -> TestServers.config(Map.of("actorCore.cluster.listen", "0.0.0.0:x")))
                .hasMessageContaining("actorCore.cluster.listen");
        assertThatThrownBy(() -> TestServers.config(Map.of("actorCore.cluster.window", "0")))
                .hasMessageContaining("actorCore.cluster.window must be between 1 and 65536");
    }
}
