package io.skyrtc.signaling.ws;

import static io.skyrtc.signaling.testing.WsClient.msg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.skyrtc.signaling.SkyrtcServer;
import io.skyrtc.signaling.testing.ServerFixture;
import io.skyrtc.signaling.testing.TestServers;
import io.skyrtc.signaling.testing.WsClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The happy paths of protocol v1 through a real server and real sockets. */
class SignalingFlowTest {
    private SkyrtcServer server;
    @RegisterExtension
    final ServerFixture fx = new ServerFixture();

    @BeforeEach
    void start() {
        server = fx.use(TestServers.dev(Map.of("rooms.emptyRoomTtlMs", "200")));
    }

    private WsClient client() {
        return fx.client(server);
    }

    @Test
    void twoPeersExchangeOfferAnswerAndCandidates() {
        WsClient alice = client();
        JsonNode wa = alice.join("call", null);
        assertThat(wa.get("peers")).isEmpty();
        assertThat(wa.get("resumeToken").asText()).hasSizeGreaterThan(20);
        assertThat(wa.get("limits").get("maxPeersPerRoom").asInt()).isEqualTo(16);
        assertThat(wa.get("pingIntervalMs").asLong()).isEqualTo(20_000);
        String a = wa.get("peerId").asText();

        WsClient bob = client();
        JsonNode wb = bob.join("call", null);
        String b = wb.get("peerId").asText();
        assertThat(wb.get("peers")).hasSize(1);
        assertThat(wb.get("peers").get(0).get("peerId").asText()).isEqualTo(a);
        assertThat(alice.expect("peer-joined").get("peer").get("peerId").asText()).isEqualTo(b);

        bob.send(msg("offer", "to", a, "sdp", "v=0 offer-from-bob"));
        JsonNode offer = alice.expect("offer");
        assertThat(offer.get("from").asText()).isEqualTo(b);
        assertThat(offer.get("sdp").asText()).isEqualTo("v=0 offer-from-bob");
        assertThat(offer.has("to")).isFalse();

        alice.send(msg("answer", "to", b, "sdp", "v=0 answer"));
        assertThat(bob.expect("answer").get("from").asText()).isEqualTo(a);

        alice.send(msg("candidate", "to", b, "candidate",
                Map.of("candidate", "candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host", "sdpMid", "0")));
        JsonNode cand = bob.expect("candidate");
        assertThat(cand.get("candidate").get("sdpMid").asText()).isEqualTo("0");

        alice.send("{\"type\":\"candidate\",\"to\":\"" + b + "\",\"candidate\":null}");
        JsonNode end = bob.expect("candidate");
        assertThat(end.has("candidate")).isTrue();
        assertThat(end.get("candidate").isNull()).isTrue();
        assertThat(server.metrics().messages.relayedCount()).isEqualTo(4);
    }

    @Test
    void fourPeerRoomPresenceAndData() {
        List<WsClient> peers = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            WsClient c = client();
            JsonNode w = c.join("four", null);
            assertThat(w.get("peers")).hasSize(i);
            for (WsClient earlier : peers) {
                assertThat(earlier.expect("peer-joined").get("peer").get("peerId").asText())
                        .isEqualTo(w.get("peerId").asText());
            }
            peers.add(c);
            ids.add(w.get("peerId").asText());
        }
        assertThat(new HashSet<>(ids)).hasSize(4);

        peers.get(0).send(msg("data", "payload", Map.of("chat", "hi all")));
        for (int i = 1; i < 4; i++) {
            JsonNode d = peers.get(i).expect("data");
            assertThat(d.get("from").asText()).isEqualTo(ids.get(0));
            assertThat(d.get("payload").get("chat").asText()).isEqualTo("hi all");
        }
        peers.get(1).send(msg("data", "to", ids.get(3), "payload", List.of(1, 2, 3)));
        assertThat(peers.get(3).expect("data").get("payload")).hasSize(3);

        peers.get(2).send(msg("leave"));
        assertThat(peers.get(2).awaitClose()).isEqualTo(1000);
        for (int i : new int[] {0, 1, 3}) {
            JsonNode left = peers.get(i).expect("peer-left");
            assertThat(left.get("peerId").asText()).isEqualTo(ids.get(2));
            assertThat(left.get("reason").asText()).isEqualTo("leave");
        }
    }

    @Test
    void pingGetsPongWithRef() {
        WsClient c = client();
        c.send(msg("ping", "id", "p1"));
        assertThat(c.expect("pong").get("ref").asText()).isEqualTo("p1");
    }

    @Test
    void emptyRoomIsClosedAfterTtlAndNamesAreReusable() throws Exception {
        WsClient c = client();
        c.join("ephemeral", null);
        assertThat(server.rooms().roomNames()).contains("ephemeral");
        c.send(msg("leave"));
        c.awaitClose();
        await().atMost(Duration.ofSeconds(5)).until(() -> !server.rooms().roomNames().contains("ephemeral"));
        WsClient again = client();
        assertThat(again.join("ephemeral", null).get("peers")).isEmpty();
    }

    @Test
    void peerIdsAreUniqueAndUnguessable() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            WsClient c = client();
            String id = c.join("ids", null).get("peerId").asText();
            assertThat(id).startsWith("p_").hasSize(2 + 22);
            assertThat(seen.add(id)).isTrue();
            c.send(msg("leave"));
            c.awaitClose();
        }
    }

    @Test
    void shutdownTellsPeers() {
        WsClient c = client();
        c.join("bye", null);
        server.close();
        c.expectError("server-shutdown");
        assertThat(c.awaitClose()).isEqualTo(1001);
    }
}
