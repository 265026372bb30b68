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
                v6 = "[::1]:2528"
                """, "clustername.lua");
        assertThat(t).containsOnly(Map.entry("game", "10.0.0.5:2528"), Map.entry("rtc", "10.0.0.9:7001"),
                Map.entry("db", "false"), Map.entry("v6", "[::1]:2528"));
    }

    @Test
    void aBrokenFileIsNamedWithItsLine() {
        assertThatThrownBy(() -> ClusterNodes.parseLua("game = \"a:1\"\ngame2 = = 'x'\n", "c.lua"))
                .hasMessageStartingWith("c.lua").hasMessageContaining("c.lua:2");
        // the sandbox: no require, io, os, load, dofile: calling one is an error on its line
        for (String call : new String[] {"require 'x'", "io.open('/etc/passwd')", "os.exit(1)", "load('x=1')()",
                "dofile('/etc/passwd')", "print(1)"}) {
            assertThatThrownBy(() -> ClusterNodes.parseLua("game = \"a:1\"\n" + call + "\n", "c.lua"))
                    .as(call).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("c.lua:2");
        }
        assertThatThrownBy(() -> ClusterNodes.parseLua("while true do end", "c.lua"))
                .hasMessageContaining("stopped after");
    }

    @Test
    void readsTheFileAsLuaTheWaySkynetDoes() {
        // comments, two assignments on a line, local helpers, .., long comments and strings: what skynet loads
        Map<String, String> t = ClusterNodes.parseLua("""
                --[[ cluster config
                     of the match cluster ]]
                __nowaiting = true
                local host = "10.0.0."
                game = host .. "5:2528"; rtc = host .. "9:" .. 7000 + 1   -- rtc on 7001
                gate1 = "10.0.1.1:2528" gate2 = [[10.0.1.2:2528]]
                db = false
                helper = "not an address"   -- kept by skynet as a node it cannot reach; skipped here
                count = 3
                list = { "10.0.0.1:1" }
                """, "clustername.lua");
        assertThat(t).containsOnly(Map.entry("game", "10.0.0.5:2528"), Map.entry("rtc", "10.0.0.9:7001"),
                Map.entry("gate1", "10.0.1.1:2528"), Map.entry("gate2", "10.0.1.2:2528"), Map.entry("db", "false"));
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
        Files.writeString(file, "game = oops(\n");
        assertThatThrownBy(nodes::reload).hasMessageContaining("c.lua:");
        assertThat(nodes.address("game").getPort()).isEqualTo(1001);
        // a file with locals and two assignments on a line reloads (the old line-regex refused it)
        Files.writeString(file, "local h = \"127.0.0.1:\"\ngame = h .. 1002; chat = h .. 3000\n");
        assertThat(nodes.reload()).containsExactly("game");
        assertThat(nodes.address("game").getPort()).isEqualTo(1002);
        Files.writeString(file, "game = oops(\n");
        assertThatThrownBy(nodes::reload).hasMessageContaining("c.lua:");
        assertThat(nodes.address("game").getPort()).isEqualTo(1002);
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
