package io.skyrtc.signaling.skynet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.skyrtc.signaling.SkyrtcServer;
import io.skyrtc.signaling.testing.ServerFixture;
import io.skyrtc.signaling.testing.TestServers;
import io.skyrtc.signaling.testing.WsClient;
import io.skyrtc.turn.testing.SystemPackages;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Lua side shipped in compose/skynet, run by Debian's lua5.4: its pure-Lua tests, and its
 * protocol code (rtc_json, rtc_proto) as the gate peer of a real skyrtc link.
 */
class LuaAgentTest {
    static final Path SKYNET_DIR = Path.of("..", "..", "compose", "skynet").toAbsolutePath().normalize();
    static final ObjectMapper JSON = new ObjectMapper();
    static Path lua;

    @RegisterExtension
    final ServerFixture fx = new ServerFixture();
    Process peer;
    final List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void tools() {
        lua = SystemPackages.require("lua5.4", "lua5.4");
        SystemPackages.requireFile(Path.of("/usr/share/lua/5.4/socket.lua"), "lua-socket");
    }

    @AfterEach
    void stopPeer() throws Exception {
        if (peer != null) {
            peer.destroy();
            peer.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void thePureLuaTestsPass() throws Exception {
        Process p = new ProcessBuilder(lua.toString(), "test/run.lua").directory(SKYNET_DIR.toFile())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).containsPattern("lua tests: [1-9][0-9]* passed, 0 failed");
    }

    /** Starts test/gate_peer.lua; returns its port. */
    int startPeer(int ackEvery, int dropAfter) throws Exception {
        peer = new ProcessBuilder(lua.toString(), "test/gate_peer.lua", Integer.toString(ackEvery),
                Integer.toString(dropAfter), "60").directory(SKYNET_DIR.toFile()).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(peer.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        assertThat(first).startsWith("port ");
        Thread reader = new Thread(() -> out.lines().forEach(lines::add), "lua-peer-out");
        reader.setDaemon(true);
        reader.start();
        return Integer.parseInt(first.substring(5).trim());
    }

    SkyrtcServer skyrtc(int port) {
        return fx.use(TestServers.dev(Map.of("actorCore.node", "rtc-lua",
                "actorCore.gates", "[{\"name\":\"lua\",\"host\":\"127.0.0.1\",\"port\":" + port
                        + ",\"encoding\":\"json\",\"reconnectMinMs\":20,\"reconnectMaxMs\":200}]")));
    }

    List<JsonNode> events() {
        synchronized (lines) {
            return lines.stream().filter(l -> l.startsWith("event ")).map(l -> {
                try {
                    return JSON.readTree(l.substring(6));
                } catch (Exception e) {
                    throw new AssertionError(l, e);
                }
            }).toList();
        }
    }

    long count(String prefix) {
        synchronized (lines) {
            return lines.stream().filter(l -> l.startsWith(prefix)).count();
        }
    }

    @Test
    void theLuaAgentDecodesAcksAndCommandsARealLink() throws Exception {
        SkyrtcServer s = skyrtc(startPeer(1, 0));
        WsClient alice = fx.client(s);
        String a = alice.join("lua-room", null).get("peerId").asText();
        // the Lua side answers alice's join with a `send` command: it reaches her as data from "server"
        JsonNode data = alice.expect("data");
        assertThat(data.get("from").asText()).isEqualTo("server");
        assertThat(data.get("payload").get("from").asText()).isEqualTo("lua");
        alice.send(WsClient.msg("data", "to", "server", "payload", Map.of("big", 9007199254740993L)));
        alice.send(WsClient.msg("leave"));
        await().atMost(Duration.ofSeconds(10)).until(() -> events().size() >= 4);
        List<JsonNode> ev = events();
        assertThat(ev).extracting(e -> e.get("type").asText())
                .containsExactly("room.created", "peer.joined", "peer.data", "peer.left");
        assertThat(ev.get(1).get("peer").asText()).isEqualTo(a);
        // 64-bit numbers survive the Lua codec exactly (cjson would turn them into doubles)
        assertThat(ev.get(2).get("payload").get("big").asLong()).isEqualTo(9007199254740993L);
        assertThat(ev.get(1).get("id").asLong()).isEqualTo(ev.get(1).get("id").asLong());
        assertThat(count("result ")).isEqualTo(1);
        assertThat(lines.stream().filter(l -> l.startsWith("result ")).findFirst().orElseThrow()).contains("\"ok\":true");
        await().until(() -> s.gates().get(0).state().ackedSeq() == 4);
        assertThat(count("hello ")).isEqualTo(1);
        assertThat(count("error ")).isZero();
    }

    @Test
    void afterADroppedConnectionTheLuaSideDropsTheResentEvents() throws Exception {
        // acks only every 100 events: the first 3 are handled but unacknowledged when the peer drops
        SkyrtcServer s = skyrtc(startPeer(100, 3));
        for (int i = 0; i < 3; i++) {
            fx.client(s).join("d" + i, null);  // 6 events
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> events().size() >= 6);
        await().until(() -> s.gates().get(0).state().ackedSeq() == 6);
        assertThat(events()).extracting(e -> e.get("seq").asLong()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(count("dup")).isEqualTo(3);   // 1..3 came again and were recognised
        assertThat(count("hello ")).isEqualTo(2);
        assertThat(count("gap ")).isZero();
        assertThat(s.gates().get(0).state().reconnects()).isPositive();
    }
}
