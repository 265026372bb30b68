package io.skyrtc.signaling.ws;

import static io.skyrtc.signaling.testing.WsClient.msg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.skyrtc.signaling.SkyrtcServer;
import io.skyrtc.signaling.testing.ServerFixture;
import io.skyrtc.signaling.testing.TestServers;
import io.skyrtc.signaling.testing.WsClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every configurable limit, exactly at its edge and one past it. */
class LimitsTest {
    private SkyrtcServer server;
    @RegisterExtension
    final ServerFixture fx = new ServerFixture();

    private SkyrtcServer dev(String... kv) {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            o.put(kv[i], kv[i + 1]);
        }
        server = fx.use(TestServers.dev(o));
        return server;
    }

    private WsClient client() {
        return fx.client(server);
    }

    /** A data frame of exactly {@code bytes} bytes (ASCII). */
    private static String dataFrameOf(int bytes) {
        String head = "{\"type\":\"data\",\"payload\":\"";
        String tail = "\"}";
        return head + "x".repeat(bytes - head.length() - tail.length()) + tail;
    }

    @Test
    void frameSizeEdge() {
        dev("limits.maxFrameBytes", "4096", "limits.maxSdpBytes", "1024");
        WsClient a = client();
        a.join("frames", null);
        WsClient b = client();
        b.join("frames", null);
        a.expect("peer-joined");

        a.send(dataFrameOf(4096));
        assertThat(b.expect("data").get("payload").asText()).hasSize(4096 - 28);

        a.send(dataFrameOf(4097));
        assertThat(a.awaitClose()).isEqualTo(1009);
        await().until(() -> server.metrics().oversizeCloses.count() == 1);
        // the other peer is untouched: it sees a (grace-period) departure later, nothing else now
        b.send(msg("ping", "id", "ok"));
        b.expect("pong");
    }

    @Test
    void sdpSizeEdge() {
        dev("limits.maxSdpBytes", "1024");
        WsClient a = client();
        a.join("sdp", null);
        WsClient b = client();
        String bid = b.join("sdp", null).get("peerId").asText();
        a.expect("peer-joined");
        a.send(msg("offer", "to", bid, "sdp", "s".repeat(1024)));
        assertThat(b.expect("offer").get("sdp").asText()).hasSize(1024);
        a.send(msg("offer", "to", bid, "sdp", "s".repeat(1025), "id", "big"));
        assertThat(a.expectError("too-large").get("ref").asText()).isEqualTo("big");
        // multi-byte characters count as UTF-8 bytes: 342 x 3 bytes = 1026 > 1024
        a.send(msg("offer", "to", bid, "sdp", "\u20ac".repeat(342)));
        a.expectError("too-large");
        // escapes count as the characters they stand for: 204 x "a=x\r\n" + 4 = 1024 bytes of SDP
        String crlf = "a=x\r\n".repeat(204) + "abcd";
        a.send(msg("offer", "to", bid, "sdp", crlf));
        assertThat(b.expect("offer").get("sdp").asText()).isEqualTo(crlf);
        a.send(msg("offer", "to", bid, "sdp", crlf + "e", "id", "crlf"));
        assertThat(a.expectError("too-large").get("ref").asText()).isEqualTo("crlf");
    }

    @Test
    void rateLimitEdgeClosesWithPolicyViolation() {
        dev("limits.ratePerSecond", "1", "limits.rateBurst", "20");
        WsClient c = client();
        for (int i = 0; i < 20; i++) {
            c.send(msg("ping", "id", "n" + i));
        }
        for (int i = 0; i < 20; i++) {
            c.expect("pong");
        }
        c.send(msg("ping", "id", "one-too-many"));
        assertThat(c.awaitClose()).isEqualTo(1008);
        assertThat(server.metrics().rateLimitCloses.count()).isEqualTo(1);
    }

    @Test
    void smallestWorkerPoolServesAConnectionStorm() throws Exception {
        dev("server.workerThreads", "4", "server.selectors", "1");
        MeterRegistry registry = server.metrics().registry();
        // 4 workers + 1 selector + 1 acceptor; Jetty refuses to start when its leased threads do not fit
        assertThat(registry.get("jetty.threads.config.max").gauge().value()).isEqualTo(6);
        int clients = 48;
        ExecutorService storm = Executors.newFixedThreadPool(16);
        try {
            List<Future<WsClient>> opened = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                opened.add(storm.submit(() -> WsClient.connect(server.baseUri())));
            }
            Set<String> peers = new HashSet<>();
            for (int i = 0; i < clients; i++) {
                WsClient c = fx.track(opened.get(i).get(30, TimeUnit.SECONDS));
                peers.add(c.join("storm-" + (i / 2), null).get("peerId").asText());
            }
            assertThat(peers).hasSize(clients);
        } finally {
            storm.shutdownNow();
        }
        assertThat(registry.get("jetty.threads.current").gauge().value()).isLessThanOrEqualTo(6);
        assertThat(server.metrics().connections.get()).isEqualTo(clients);
    }

    @Test
    void roomCapacityEdge() {
        dev("rooms.maxPeersPerRoom", "3");
        for (int i = 0; i < 3; i++) {
            client().join("cap", null);
        }
        WsClient fourth = client();
        fourth.send(msg("join", "room", "cap", "id", "j"));
        assertThat(fourth.expectError("room-full").get("ref").asText()).isEqualTo("j");
        // refused, not joined: it may join another room on the same socket
        assertThat(fourth.join("elsewhere", null).get("peers")).isEmpty();
    }

    @Test
    void roomsPerNodeEdge() {
        dev("rooms.maxRooms", "2");
        client().join("one", null);
        client().join("two", null);
        WsClient c = client();
        c.send(msg("join", "room", "three"));
        c.expectError("too-many-rooms");
        assertThat(c.join("two", null).get("peers")).hasSize(1);
    }

    @Test
    void nameAndMetaEdges() {
        dev("limits.maxNameChars", "8", "limits.maxMetaBytes", "20", "limits.maxRoomChars", "5");
        WsClient c = client();
        c.send(msg("join", "room", "abcdef"));
        c.expectError("invalid-field");
        c.send(msg("join", "room", "abcde", "name", "123456789"));
        c.expectError("invalid-field");
        c.send(msg("join", "room", "abcde", "name", "bad\u0007"));
        c.expectError("invalid-field");
        // {"k":"0123456789ab"} is 20 bytes; one more byte is too large
        c.send(msg("join", "room", "abcde", "meta", Map.of("k", "0123456789abc")));
        c.expectError("too-large");
        c.send(msg("join", "room", "abcde", "meta", List.of()));
        c.expectError("invalid-field");
        c.send(msg("join", "room", "abcde", "name", "12345678", "meta", Map.of("k", "0123456789ab")));
        var w = c.expect("welcome");
        WsClient other = client();
        var peer = other.join("abcde", null).get("peers").get(0);
        assertThat(peer.get("name").asText()).isEqualTo("12345678");
        assertThat(peer.get("meta").get("k").asText()).isEqualTo("0123456789ab");
        assertThat(w.get("peerId").asText()).isEqualTo(peer.get("peerId").asText());
    }

    @Test
    void idleTimeoutClosesSilentSocketsButNotPingingOnes() throws Exception {
        dev("limits.idleTimeoutMs", "1000", "limits.pingIntervalMs", "300");
        WsClient silent = client();
        WsClient pinging = client();
        assertThat(pinging.join("idle", null).get("pingIntervalMs").asLong()).isEqualTo(300);
        long start = System.nanoTime();
        while (!silent.isClosed() && System.nanoTime() - start < 5_000_000_000L) {
            pinging.send(msg("ping"));
            pinging.expect("pong");
            Thread.sleep(300);
        }
        assertThat(silent.awaitClose()).isEqualTo(1001);
        assertThat(pinging.isClosed()).isFalse();
    }

    @Test
    void connectionLimitRefusesUpgrade() {
        dev("limits.maxConnections", "2");
        client();
        client();
        await().until(() -> server.metrics().connections.get() == 2);
        assertThatThrownBy(this::client).hasStackTraceContaining("503");
        assertThat(server.metrics().rejectedConnections.count()).isEqualTo(1);
    }
}
