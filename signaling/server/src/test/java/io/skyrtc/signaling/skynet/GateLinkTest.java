package io.skyrtc.signaling.skynet;

import static io.skyrtc.signaling.testing.WsClient.msg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.skyrtc.signaling.SkyrtcServer;
import io.skyrtc.signaling.testing.ServerFixture;
import io.skyrtc.signaling.testing.TestGate;
import io.skyrtc.signaling.testing.TestServers;
import io.skyrtc.signaling.testing.WsClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Room events from real signaling sessions into a skynet-style gate, and commands back; run once per
 * wire (TCP 2-byte framing, WebSocket text frames) by the subclasses.
 */
abstract class GateLinkTest {
    @RegisterExtension
    final ServerFixture fx = new ServerFixture();
    TestGate gate;

    @AfterEach
    void stopGate() {
        if (gate != null) {
            gate.close();
        }
    }

    SkyrtcServer server(String extra) throws Exception {
        return server(extra, Map.of());
    }

    /** A started test gate of the wire under test. */
    abstract TestGate newGate() throws Exception;

    /** The gate config fields that select the wire, starting with a comma. */
    abstract String wireConfig();

    SkyrtcServer server(String extra, Map<String, String> more) throws Exception {
        gate = newGate();
        Map<String, String> o = new java.util.HashMap<>(more);
        o.putAll(Map.of("actorCore.node", "rtc-1", "actorCore.nodeId", "7",
                "actorCore.gates", "[{\"name\":\"game\",\"host\":\"127.0.0.1\",\"port\":" + gate.port()
                        + ",\"reconnectMinMs\":20,\"reconnectMaxMs\":200" + wireConfig() + extra
                        + (extra.contains("drainTimeoutMs") ? "" : ",\"drainTimeoutMs\":1000") + "}]"));
        return fx.use(TestServers.dev(o));
    }

    static List<String> names(List<JsonNode> events) {
        return events.stream().map(e -> e.get("name").asText()).toList();
    }

    List<JsonNode> eventsSnapshot() {
        synchronized (gate.events) {
            return new ArrayList<>(gate.events);
        }
    }

    @Test
    void eventsFromARealSessionArriveInOrderWithTheDocumentedFields() throws Exception {
        SkyrtcServer s = server("");
        WsClient alice = fx.client(s);
        JsonNode welcome = alice.join("match-1", null);
        String peerId = welcome.get("peerId").asText();
        alice.send(msg("data", "to", "server", "payload", Map.of("cmd", "ready")));
        alice.send(msg("leave"));
        await().atMost(Duration.ofSeconds(5)).until(() -> gate.events.size() >= 4);
        List<JsonNode> ev = eventsSnapshot();
        assertThat(names(ev)).containsExactly("room.created", "peer.joined", "peer.data", "peer.left");
        JsonNode joined = ev.get(1).get("data");
        assertThat(joined.get("room").asText()).isEqualTo("match-1");
        assertThat(joined.get("peer").asText()).isEqualTo(peerId);
        assertThat(joined.get("node").asText()).isEqualTo("rtc-1");
        assertThat(joined.get("time").asText()).endsWith("Z");
        assertThat(io.skyrtc.signaling.events.Snowflake.nodeOf(joined.get("id").asLong())).isEqualTo(7);
        assertThat(ev.get(2).get("data").get("payload").get("cmd").asText()).isEqualTo("ready");
        assertThat(ev.get(3).get("data").get("reason").asText()).isEqualTo("leave");
        assertThat(ev).extracting(e -> e.get("data").get("seq").asLong()).containsExactly(1L, 2L, 3L, 4L);
        assertThat(ev).extracting(e -> e.get("data").get("id").asLong()).isSorted();
    }

    @Test
    void aResumedPeerIsReportedAndOneThatNeverComesBackLeavesWithTimeout() throws Exception {
        SkyrtcServer s = server("", Map.of("rooms.resumeGraceMs", "600"));
        WsClient a = fx.client(s), b = fx.client(s);
        JsonNode wa = a.join("res", null);
        String bid = b.join("res", null).get("peerId").asText();
        a.drop();
        b.drop();
        WsClient a2 = fx.client(s);
        a2.resume("res", wa.get("resumeToken").asText(), a);
        await().atMost(Duration.ofSeconds(5)).until(() -> names(eventsSnapshot()).contains("peer.left"));
        List<JsonNode> ev = eventsSnapshot();
        assertThat(names(ev)).containsExactly("room.created", "peer.joined", "peer.joined", "peer.resumed", "peer.left");
        assertThat(ev.get(3).get("data").get("peer").asText()).isEqualTo(wa.get("peerId").asText());
        assertThat(ev.get(4).get("data").get("peer").asText()).isEqualTo(bid);
        assertThat(ev.get(4).get("data").get("reason").asText()).isEqualTo("timeout");
    }

    @Test
    void perRoomOrderHoldsWhileManyRoomsRunConcurrently() throws Exception {
        SkyrtcServer s = server("", Map.of("rooms.emptyRoomTtlMs", "0"));
        await().until(gate::connected);
        int rooms = 12, peersPerRoom = 4;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(rooms);
        List<java.util.concurrent.Future<List<WsClient>>> done = new ArrayList<>();
        for (int r = 0; r < rooms; r++) {
            String room = "conc-" + r;
            done.add(pool.submit(() -> {
                List<WsClient> peers = new ArrayList<>();
                for (int p = 0; p < peersPerRoom; p++) {
                    WsClient c = WsClient.connect(s.baseUri());
                    peers.add(c);
                    c.join(room, null);
                    c.send(msg("data", "to", "server", "payload", Map.of("n", p)));
                }
                peers.forEach(c -> c.send(msg("leave")));
                return peers;
            }));
        }
        for (var f : done) {
            f.get(30, java.util.concurrent.TimeUnit.SECONDS).forEach(fx::track);
        }
        pool.shutdown();
        int expected = rooms * (2 + 3 * peersPerRoom);  // created, closed; joined, data, left per peer
        await().atMost(Duration.ofSeconds(20)).until(() -> gate.events.size() >= expected);
        List<JsonNode> ev = eventsSnapshot();
        assertThat(ev).hasSize(expected);
        assertThat(ev).extracting(e -> e.get("data").get("seq").asLong())
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, expected).boxed().toList());
        Map<String, List<JsonNode>> byRoom = new java.util.HashMap<>();
        ev.forEach(e -> byRoom.computeIfAbsent(e.get("data").get("room").asText(), k -> new ArrayList<>()).add(e));
        assertThat(byRoom).hasSize(rooms);
        byRoom.forEach((room, list) -> {
            assertThat(names(list).get(0)).as(room).isEqualTo("room.created");
            assertThat(names(list).get(list.size() - 1)).as(room).isEqualTo("room.closed");
            Map<String, List<String>> perPeer = new java.util.HashMap<>();
            list.stream().filter(e -> e.get("data").has("peer")).forEach(e -> perPeer
                    .computeIfAbsent(e.get("data").get("peer").asText(), k -> new ArrayList<>()).add(e.get("name").asText()));
            assertThat(perPeer).hasSize(peersPerRoom);
            perPeer.values().forEach(seq -> assertThat(seq).as(room).containsExactly("peer.joined", "peer.data", "peer.left"));
            assertThat(list).extracting(e -> e.get("data").get("id").asLong()).as(room).isSorted();
        });
    }

    @Test
    void aGateRestartMidStreamLosesNothingAndDuplicatesKeepTheirSeq() throws Exception {
        SkyrtcServer s = server("");
        await().until(gate::connected);
        gate.acking(false);  // the core reads but has not acknowledged yet when it goes down
        for (int i = 0; i < 20; i++) {
            fx.client(s).join("r" + i, null);
        }
        await().until(() -> gate.events.size() >= 40);
        gate.stop();
        for (int i = 20; i < 30; i++) {
            fx.client(s).join("r" + i, null);  // while the core is down
        }
        gate.acking(true);
        gate.listen();
        await().atMost(Duration.ofSeconds(10)).until(() -> eventsSnapshot().stream()
                .mapToLong(e -> e.get("data").get("seq").asLong()).max().orElse(0) >= 60);
        List<JsonNode> ev = eventsSnapshot();
        // every seq 1..60 arrived; the first 40 twice (re-sent after the restart), same seq, same id
        Map<Long, List<JsonNode>> bySeq = new java.util.TreeMap<>();
        ev.forEach(e -> bySeq.computeIfAbsent(e.get("data").get("seq").asLong(), k -> new ArrayList<>()).add(e));
        assertThat(bySeq.keySet()).containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 60).boxed().toList());
        bySeq.values().forEach(copies -> assertThat(copies).allSatisfy(c -> assertThat(c).isEqualTo(copies.get(0))));
        assertThat(bySeq.get(1L)).hasSize(2);
        await().until(() -> s.gates().get(0).state().outboxDepth() == 0);
        assertThat(s.gates().get(0).state().reconnects()).isPositive();
        // each connection opened with a hello: same incarnation, node named, the second one at the old ack
        assertThat(gate.hellos).hasSize(2);
        assertThat(gate.hellos.get(0).get("node").asText()).isEqualTo("rtc-1");
        assertThat(gate.hellos.get(1).get("incarnation")).isEqualTo(gate.hellos.get(0).get("incarnation"));
        assertThat(gate.hellos.get(1).get("ackedSeq").asLong()).isZero();
        assertThat(gate.hellos.get(1).get("lastSeq").asLong()).isEqualTo(60);
    }

    @Test
    void anEventOverTheGateLimitIsRefusedAtTheSourceAndCounted() throws Exception {
        // a signaling frame may be larger than a gate packet: 128 KiB frames here
        SkyrtcServer s = server(",\"maxPayloadBytes\":65535", Map.of("limits.maxFrameBytes", "131072"));
        await().until(gate::connected);
        WsClient c = fx.client(s);
        c.join("big", null);
        String big = "x".repeat(60_000);
        c.send(msg("data", "to", "server", "payload", Map.of("a", big, "b", "y".repeat(10_000))));
        c.send(msg("data", "to", "server", "payload", Map.of("a", "small")));
        await().until(() -> names(eventsSnapshot()).contains("peer.data"));
        List<JsonNode> data = eventsSnapshot().stream().filter(e -> e.get("name").asText().equals("peer.data")).toList();
        assertThat(data).hasSize(1);
        assertThat(data.get(0).get("data").get("payload").get("a").asText()).isEqualTo("small");
        assertThat(s.gates().get(0).state().refusedTooLarge()).isEqualTo(1);
        // no seq gap: the refused event never had one
        assertThat(eventsSnapshot()).extracting(e -> e.get("data").get("seq").asLong()).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aFullOutboxDropsTheOldestAndCountsIt() throws Exception {
        SkyrtcServer s = server(",\"outboxMax\":5");
        await().until(gate::connected);
        gate.stop();
        await().until(() -> !s.gates().get(0).state().up());
        for (int i = 0; i < 4; i++) {
            fx.client(s).join("o" + i, null);  // 8 events into an outbox of 5
        }
        await().until(() -> s.gates().get(0).state().dropped() == 3);
        gate.listen();
        await().atMost(Duration.ofSeconds(10)).until(() -> gate.events.size() >= 5);
        assertThat(eventsSnapshot()).extracting(e -> e.get("data").get("seq").asLong()).containsExactly(4L, 5L, 6L, 7L, 8L);
        assertThat(s.health().handle(null).toString()).contains("dropped=3").contains("evictedUnacked=0");
    }

    @Test
    void commandsTakeEffectOnRealPeers() throws Exception {
        SkyrtcServer s = server("");
        await().until(gate::connected);
        WsClient alice = fx.client(s), bob = fx.client(s);
        String a = alice.join("arena", null).get("peerId").asText();
        String b = bob.join("arena", null).get("peerId").asText();
        alice.expect("peer-joined");

        JsonNode sent = gate.call("send", "{\"id\":1,\"room\":\"arena\",\"to\":\"" + a + "\",\"payload\":{\"hp\":7}}");
        assertThat(sent.get("ok").asBoolean()).isTrue();
        assertThat(sent.get("id").asInt()).isEqualTo(1);
        JsonNode data = alice.expect("data");
        assertThat(data.get("from").asText()).isEqualTo("server");
        assertThat(data.get("payload").get("hp").asInt()).isEqualTo(7);

        JsonNode info = gate.call("room-info", "{\"id\":\"i\",\"room\":\"arena\"}");
        assertThat(info.get("result").get("peers")).hasSize(2);
        assertThat(gate.call("list-rooms", "{\"id\":2}").get("result").get("rooms").toString()).contains("arena");

        JsonNode kicked = gate.call("kick", "{\"id\":3,\"room\":\"arena\",\"peer\":\"" + b + "\",\"reason\":\"cheating\"}");
        assertThat(kicked.get("ok").asBoolean()).isTrue();
        assertThat(bob.expectError("kicked").get("message").asText()).isEqualTo("cheating");  // the reason, exactly
        assertThat(bob.awaitClose()).isEqualTo(1000);
        assertThat(alice.expect("peer-left").get("reason").asText()).isEqualTo("kicked");

        JsonNode closed = gate.call("close-room", "{\"id\":4,\"room\":\"arena\"}");
        assertThat(closed.get("result").get("removedPeers").asInt()).isEqualTo(1);
        alice.expectError("kicked");
        await().until(() -> names(eventsSnapshot()).contains("room.closed"));
        List<String> seen = names(eventsSnapshot());
        assertThat(seen.indexOf("room.closed")).isGreaterThan(seen.lastIndexOf("peer.left"));
    }

    @Test
    void healthAndMetricsShowTheLink() throws Exception {
        SkyrtcServer s = server("");
        await().until(gate::connected);
        fx.client(s).join("m", null);
        await().until(() -> s.gates().get(0).state().ackedSeq() == 2);
        var registry = s.metrics().registry();
        assertThat(registry.get("skyrtc.gate.up").tag("gate", "game").gauge().value()).isEqualTo(1.0);
        assertThat(registry.get("skyrtc.gate.events.written").tag("gate", "game").counter().count()).isEqualTo(2.0);
        assertThat(registry.get("skyrtc.gate.outbox.depth").tag("gate", "game").gauge().value()).isZero();
        GateLink.State st = s.gates().get(0).state();
        assertThat(st.transport()).isEqualTo(wireConfig().contains("websocket") ? "websocket" : "tcp");
        assertThat(st.up()).isTrue();
        gate.stop();
        await().until(() -> !s.gates().get(0).state().up());
        assertThat(registry.get("skyrtc.gate.up").tag("gate", "game").gauge().value()).isZero();
    }

    @Test
    void badAndUnknownCommandsGetErrorResultsAndTheLinkStays() throws Exception {
        SkyrtcServer s = server("");
        await().until(gate::connected);
        assertThat(gate.call("explode", "{\"id\":1}").get("error").get("code").asText()).isEqualTo("unknown-command");
        assertThat(gate.call("kick", "{\"id\":2,\"room\":\"nope\"}").get("error").get("message").asText())
                .contains("peer is required");
        assertThat(gate.call("kick", "{\"id\":3,\"room\":\"nope\",\"peer\":\"p\"}").get("error").get("code").asText())
                .isEqualTo("not-found");
        assertThat(gate.call("send", "{\"id\":4,\"room\":\"nope\"}").get("error").get("message").asText())
                .contains("payload");
        fx.client(s).join("still-up", null);
        await().until(() -> names(eventsSnapshot()).contains("peer.joined"));
        assertThat(s.gates().get(0).state().up()).isTrue();
    }

    /**
     * A gate that answers every packet (a relay replying "ack:N", or echoing what it got) must not get
     * answers back: that would loop forever. Such packets are counted, never answered.
     */
    @Test
    void packetsThatAreNotCommandsGetNoAnswerAndAreCounted() throws Exception {
        SkyrtcServer s = server("");
        await().until(() -> s.gates().get(0).state().up());
        fx.client(s).join("echo", null);
        await().until(() -> gate.events.size() >= 2);
        gate.sendRaw("ack:2".getBytes());                                        // not JSON
        gate.sendRaw("{\"name\":\"result\",\"data\":{\"id\":null,\"ok\":false}}".getBytes());  // our result, echoed
        gate.sendRaw(gate.packets.get(gate.packets.size() - 1));                // our event packet, echoed
        gate.sendRaw("{\"name\":\"kick\",\"data\":{\"room\":\"echo\"}}".getBytes());  // no id: no answer possible
        gate.sendRaw(new byte[0]);
        await().until(() -> s.gates().get(0).state().ignoredPackets() == 5);
        assertThat(gate.results.poll(300, java.util.concurrent.TimeUnit.MILLISECONDS)).isNull();
        assertThat(gate.call("list-rooms", "{\"id\":9}").get("ok").asBoolean()).isTrue();  // still served
        assertThat(s.metrics().registry().get("skyrtc.gate.packets.ignored").tag("gate", "game").counter().count())
                .isEqualTo(5.0);
    }

    /** The hello is on the wire as soon as the link is up, before any event: the core can command at once. */
    @Test
    void helloArrivesOnAnIdleLinkAndUpMeansItWasWritten() throws Exception {
        SkyrtcServer s = server("");
        await().atMost(Duration.ofSeconds(5)).until(() -> s.gates().get(0).state().up());
        await().atMost(Duration.ofSeconds(2)).until(() -> gate.hellos.size() == 1);
        assertThat(gate.events).isEmpty();
        assertThat(gate.hellos.get(0).get("node").asText()).isEqualTo("rtc-1");
        assertThat(gate.call("list-rooms", "{\"id\":1}").get("result").get("rooms")).isEmpty();
    }

    /** A graceful stop waits (drainTimeoutMs) for the core to acknowledge the rooms' shutdown events. */
    @Test
    void aGracefulStopDrainsTheShutdownEventsIntoTheCore() throws Exception {
        SkyrtcServer s = server("");
        await().until(() -> s.gates().get(0).state().up());
        fx.client(s).join("bye", null);
        await().until(() -> gate.events.size() >= 2);
        gate.acking(false);
        java.util.concurrent.CompletableFuture<Void> stopped = java.util.concurrent.CompletableFuture.runAsync(s::close);
        await().until(() -> names(eventsSnapshot()).contains("room.closed"));
        Thread.sleep(200);
        assertThat(stopped).isNotDone();  // still waiting for the acknowledgement
        gate.send("ack", TestGate.JSON.createObjectNode().put("seq", s.gates().get(0).state().lastSeq()));
        stopped.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(s.gates().get(0).state().outboxDepth()).isZero();
        assertThat(names(eventsSnapshot())).containsSubsequence("peer.joined", "peer.left", "room.closed");
    }

    @Test
    void aStopGivesUpAfterDrainTimeoutMs() throws Exception {
        SkyrtcServer s = server(",\"drainTimeoutMs\":300");
        await().until(() -> s.gates().get(0).state().up());
        gate.acking(false);
        fx.client(s).join("never-acked", null);
        await().until(() -> gate.events.size() >= 2);
        long t0 = System.nanoTime();
        s.close();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(ms).isBetween(300L, 8_000L);
        assertThat(s.gates().get(0).state().outboxDepth()).isPositive();
    }
}
