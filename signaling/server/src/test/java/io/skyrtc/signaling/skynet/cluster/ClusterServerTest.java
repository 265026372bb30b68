package io.skyrtc.signaling.skynet.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.skyrtc.signaling.SkyrtcServer;
import io.skyrtc.signaling.testing.ServerFixture;
import io.skyrtc.signaling.testing.TestServers;
import io.skyrtc.signaling.testing.WsClient;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The reference peer (playing a skynet node's clustersender, with skynet's own CLI calls) calling
 * skyrtc's cluster port: commands under @skyrtc on real rooms with real WebSocket peers.
 */
class ClusterServerTest {
    static final int MAX_MESSAGE = 40_000;

    @RegisterExtension
    final ServerFixture fx = new ServerFixture();
    SkyrtcServer server;
    String address;

    @BeforeEach
    void start() {
        server = fx.use(TestServers.dev(Map.of("actorCore.cluster.listen", "127.0.0.1:0",
                "actorCore.cluster.maxMessageBytes", Integer.toString(MAX_MESSAGE))));
        address = "127.0.0.1:" + server.cluster().port();
    }

    @Test
    void commandsPositionalAndAsOneTableReachRealPeers() throws Exception {
        WsClient alice = fx.client(server);
        WsClient bob = fx.client(server);
        String a = alice.join("lobby", null).get("peerId").asText();
        String b = bob.join("lobby", null).get("peerId").asText();
        alice.expect("peer-joined");

        assertThat(ReferenceNode.cli("query", address, "skyrtc").out()).isEqualTo("16");
        assertThat(ReferenceNode.cli("call", address, "@skyrtc", "list_rooms").json())
                .isEqualTo(json("[true, {\"rooms\": [\"lobby\"]}]"));

        // a large request (over 32 KiB: header + parts) in the one-table form, by local name
        String big = "x".repeat(33_000);
        JsonNode sent = ReferenceNode.cli("call", address, ".skyrtc", "send",
                "{\"room\":\"lobby\",\"to\":\"" + a + "\",\"payload\":{\"big\":\"" + big + "\"}}").json();
        assertThat(sent).isEqualTo(json("[true, {\"delivered\": 1}]"));
        JsonNode data = alice.expect("data");
        assertThat(data.get("from").asText()).isEqualTo("server");
        assertThat(data.at("/payload/big").asText()).isEqualTo(big);

        JsonNode kicked = ReferenceNode.cli("call", address, "@skyrtc", "kick", "lobby", b, "cheating").json();
        assertThat(kicked).isEqualTo(json("[true, {\"kicked\": \"" + b + "\"}]"));
        assertThat(bob.expectError("kicked").get("message").asText()).contains("cheating");
        assertThat(alice.expect("peer-left").get("peerId").asText()).isEqualTo(b);
    }

    @Test
    void failuresComeBackAsFalseWithCodeAndField() throws Exception {
        assertThat(ReferenceNode.cli("call", address, "@skyrtc", "fly").json().get(1).get("code").asText())
                .isEqualTo("unknown-command");
        JsonNode typo = ReferenceNode.cli("call", address, "@skyrtc", "kick", "{\"room\":\"r\",\"peerz\":\"p\"}").json();
        assertThat(typo.get(0).asBoolean()).isFalse();
        assertThat(typo.get(1).get("code").asText()).isEqualTo("bad-request");
        assertThat(typo.get(1).get("field").asText()).isEqualTo("peerz");
        assertThat(ReferenceNode.cli("call", address, "@skyrtc", "room-info", "nowhere").json().get(1).get("code")
                .asText()).isEqualTo("not-found");
        assertThat(ReferenceNode.cli("call", address, "@skyrtc", "kick", "r", "p", "why", "extra").json().get(1)
                .get("message").asText()).contains("at most 3 arguments");
    }

    @Test
    void unknownAddressesGetSkynetsErrors() throws Exception {
        ReferenceNode.Cli at = ReferenceNode.cli("call", address, "@nosuch", "x");
        assertThat(at.exit()).isEqualTo(1);
        assertThat(at.out()).isEqualTo("remote error: Invalid name");
        assertThat(ReferenceNode.cli("call", address, ".nosuch", "x").out()).contains("call to invalid address");
        assertThat(ReferenceNode.cli("query", address, "nosuch").out()).isEqualTo("remote error: name not found");
    }

    @Test
    void messageSizeLimitAtItsEdge() throws Exception {
        ClusterClient c = new ClusterClient("rtc", () -> new InetSocketAddress("127.0.0.1", server.cluster().port()),
                2000, 1 << 20);
        // "list-rooms" (11 bytes) + a long string (3 + n bytes): exactly MAX_MESSAGE passes the limit
        byte[] atLimit = SkynetPack.pack("list-rooms", "y".repeat(MAX_MESSAGE - 14));
        assertThat(atLimit).hasSize(MAX_MESSAGE);
        assertThat(c.call(new ClusterAddress.Name("@skyrtc"), atLimit, 5000).thenApply(SkynetPack::unpack).get())
                .first().isEqualTo(false);  // reached the command (which takes no arguments)
        byte[] over = SkynetPack.pack("list-rooms", "y".repeat(MAX_MESSAGE - 13));
        assertThatThrownBy(() -> c.call(new ClusterAddress.Name("@skyrtc"), over, 5000).get())
                .cause().hasMessageContaining("over this node's limit of " + MAX_MESSAGE);
        assertThat(c.call(new ClusterAddress.Name("@skyrtc"), 5000, "list-rooms").get()).first().isEqualTo(true);
        c.close();
    }

    @Test
    void nonFiniteNumbersInASendAreABadRequestNotStrings() throws Exception {
        WsClient alice = fx.client(server);
        alice.join("inf", null);
        ClusterClient c = new ClusterClient("rtc", () -> new InetSocketAddress("127.0.0.1", server.cluster().port()),
                2000, 1 << 20);
        ClusterAddress skyrtc = new ClusterAddress.Name("@skyrtc");
        for (double bad : new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN}) {
            java.util.List<Object> r = c.call(skyrtc, 5000, "send", Map.of("room", "inf",
                    "payload", Map.of("hp", bad))).get();
            assertThat(r).first().isEqualTo(false);
            assertThat(((Map<?, ?>) r.get(1)).get("code")).isEqualTo("bad-request");
            // positional form too, nested in a list
            r = c.call(skyrtc, 5000, "send", "inf", null, java.util.List.of(1L, bad)).get();
            assertThat(((Map<?, ?>) r.get(1)).get("code")).isEqualTo("bad-request");
        }
        // an empty table is an empty field table (lualib/rtc.lua sends list_rooms with {}), found on a real node
        assertThat(c.call(skyrtc, 5000, "list_rooms", Map.of()).get()).first().isEqualTo(true);
        assertThat(c.call(skyrtc, 5000, "list_rooms", java.util.List.of()).get()).first().isEqualTo(true);
        // a finite float still goes through, and alice saw nothing of the refused ones
        assertThat(c.call(skyrtc, 5000, "send", "inf", null, Map.of("hp", 1.5)).get()).first().isEqualTo(true);
        assertThat(alice.expect("data").at("/payload/hp").asDouble()).isEqualTo(1.5);
        c.close();
    }

    @Test
    void aBrokenPacketClosesOnlyThatConnection() throws Exception {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", server.cluster().port()));
            OutputStream out = s.getOutputStream();
            out.write(new byte[] {0, 3, 0x07, 1, 2});  // packet type 0x07 does not exist
            out.flush();
            InputStream in = s.getInputStream();
            s.setSoTimeout(5000);
            assertThat(in.read()).as("closed by skyrtc").isEqualTo(-1);
        }
        assertThat(ReferenceNode.cli("call", address, "@skyrtc", "list-rooms").json().get(0).asBoolean()).isTrue();
    }

    private static JsonNode json(String s) throws Exception {
        return ReferenceNode.JSON.readTree(s);
    }
}
