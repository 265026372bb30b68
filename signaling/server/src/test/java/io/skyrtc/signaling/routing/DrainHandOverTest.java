package io.skyrtc.signaling.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.skyrtc.signaling.SkyrtcServer;
import io.skyrtc.signaling.room.RoomSnapshot;
import io.skyrtc.signaling.testing.ServerFixture;
import io.skyrtc.signaling.testing.TestServers;
import io.skyrtc.signaling.testing.WsClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SIGTERM of the node that owns a room, in multi-node mode: its peers are told {@code draining}, resume on
 * the other node (as the SDK does) with their peer ids, the draining node hands the room over once its
 * sockets are gone and exits well before its drain deadline; every data message sent, before, during and
 * after the move, reaches every other peer exactly once.
 */
class DrainHandOverTest {
    static final long DRAIN_TIMEOUT_MS = 20_000;

    @RegisterExtension
    final ServerFixture fixture = new ServerFixture();

    @Test
    void drainingOwnerHandsItsRoomOverAndItsPeersResumeElsewhereLosingNothing() throws Exception {
        try (RedisProcess redis = new RedisProcess(); NodeProcess a = new NodeProcess(drainEnv(redis))) {
            RoomIncarnations onB = new RoomIncarnations("match");
            SkyrtcServer b = fixture.use(TestServers.start(TestServers.config(Cluster.overrides(redis, "b", "drain", 3000)),
                    onB));
            await().atMost(Duration.ofSeconds(60)).until(() -> b.routing().redisUp());

            WsClient a1 = fixture.track(WsClient.connect(a.base));
            JsonNode a1Welcome = a1.join("match", null);  // first join: node a owns the room
            WsClient b1 = fixture.client(b);
            JsonNode b1Welcome = b1.join("match", null);
            WsClient a2 = fixture.track(WsClient.connect(a.base));
            JsonNode a2Welcome = a2.join("match", null);
            assertThat(b.routing().ownedRooms()).isEmpty();
            // and a room owned by b with a peer on a: that socket is a's too, so it is told and moves
            WsClient b2 = fixture.client(b);
            b2.join("side", null);
            WsClient a3 = fixture.track(WsClient.connect(a.base));
            JsonNode a3Welcome = a3.join("side", null);
            a1.drain();
            b1.drain();
            b2.drain();

            // a1 (on the draining node) and b1 (on the other) send all along; a1 switches sockets as it moves
            AtomicReference<WsClient> a1Socket = new AtomicReference<>(a1);
            AtomicBoolean sending = new AtomicBoolean(true);
            AtomicInteger a1Sent = new AtomicInteger();
            AtomicInteger b1Sent = new AtomicInteger();
            Object a1Lock = new Object();
            Thread a1Sender = sender(() -> {
                synchronized (a1Lock) {
                    a1Socket.get().send(WsClient.msg("data", "payload", Map.of("s", "a1", "k", a1Sent.get())));
                    a1Sent.incrementAndGet();
                }
            }, sending);
            Thread b1Sender = sender(() -> {
                b1.send(WsClient.msg("data", "payload", Map.of("s", "b1", "k", b1Sent.get())));
                b1Sent.incrementAndGet();
            }, sending);
            a1Sender.start();
            b1Sender.start();
            Thread.sleep(500);

            long termAt = System.nanoTime();
            a.signal("TERM");
            List<JsonNode> toA1 = new ArrayList<>();
            List<JsonNode> toA2 = new ArrayList<>();
            List<JsonNode> toB1 = new ArrayList<>();
            List<String> b1Frames = new ArrayList<>();  // every frame type b1 got
            // both of a's peers are told, and move to b as the SDK does: close, then resume there
            WsClient a1New;
            synchronized (a1Lock) {
                awaitDraining(a1, toA1);
                a1New = moveTo(b, a1, a1Welcome, toA1);
                a1Socket.set(a1New);
            }
            awaitDraining(a2, toA2);
            WsClient a2New = moveTo(b, a2, a2Welcome, toA2);
            awaitDraining(a3, new ArrayList<>());
            WsClient a3New = moveTo(b, a3, a3Welcome, new ArrayList<>());
            long movedMs = (System.nanoTime() - termAt) / 1_000_000;

            assertThat(a.process.waitFor(DRAIN_TIMEOUT_MS / 2, TimeUnit.MILLISECONDS))
                    .as("the drained node exits once its sockets are gone, well before its deadline").isTrue();
            long exitMs = (System.nanoTime() - termAt) / 1_000_000;
            await().atMost(Duration.ofSeconds(10)).until(() -> b.routing().ownedRooms().contains("match"));
            long ownedMs = (System.nanoTime() - termAt) / 1_000_000;
            System.out.printf("drain hand-over: peers moved %d ms, node a exited %d ms, b owns the room %d ms"
                    + " after SIGTERM%n", movedMs, exitMs, ownedMs);
            assertThat(a.process.exitValue()).as("node a ended by SIGTERM, its shutdown hook done").isEqualTo(143);
            assertThat(a.log()).as("node a's log").anyMatch(l -> l.contains("handed room match over"));

            Thread.sleep(300);
            sending.set(false);
            a1Sender.join();
            b1Sender.join();
            int a1Total = a1Sent.get();
            int b1Total = b1Sent.get();
            long end = System.currentTimeMillis() + 20_000;
            while (System.currentTimeMillis() < end && !(count(toA1, "b1") >= b1Total && count(toA2, "b1") >= b1Total
                    && count(toB1, "a1") >= a1Total && count(toA2, "a1") >= a1Total)) {
                Thread.sleep(200);
                Cluster.data(a1New, toA1);
                Cluster.data(a2New, toA2);
                collect(b1, toB1, b1Frames);
            }
            Thread.sleep(300);  // a duplicate would show up now
            Cluster.data(a1New, toA1);
            Cluster.data(a2New, toA2);
            collect(b1, toB1, b1Frames);
            System.out.printf("a1 got %d of b1's %d (missing %s), a2 got %d of b1's (missing %s), b1 got %d of a1's %d"
                    + " (missing %s), a2 got %d of a1's (missing %s)%n", count(toA1, "b1"), b1Total,
                    NodeLossTest.missing(NodeLossTest.numbers(toA1, "b1"), b1Total), count(toA2, "b1"),
                    NodeLossTest.missing(NodeLossTest.numbers(toA2, "b1"), b1Total), count(toB1, "a1"), a1Total,
                    NodeLossTest.missing(NodeLossTest.numbers(toB1, "a1"), a1Total), count(toA2, "a1"),
                    NodeLossTest.missing(NodeLossTest.numbers(toA2, "a1"), a1Total));
            assertThat(count(toA1, "b1")).as("b1's messages to a1, each once").isEqualTo(b1Total);
            assertThat(count(toA2, "b1")).as("b1's messages to a2, each once").isEqualTo(b1Total);
            assertThat(count(toB1, "a1")).as("a1's messages to b1, each once").isEqualTo(a1Total);
            assertThat(count(toA2, "a1")).as("a1's messages to a2, each once").isEqualTo(a1Total);
            assertThat(NodeLossTest.numbers(toA2, "b1")).hasSize(b1Total);
            assertThat(NodeLossTest.numbers(toB1, "a1")).hasSize(a1Total);

            // the draining notice is about a's sockets only: b's peers never got it
            assertThat(b1Frames).as("b1's frames").doesNotContain("draining");
            assertThat(b2.drain()).as("b2's frames").noneMatch(n -> n.path("type").asText().equals("draining"));
            a3New.send(WsClient.msg("data", "payload", Map.of("s", "a3")));
            assertThat(b2.expect("data").path("payload").path("s").asText()).isEqualTo("a3");

            RoomSnapshot room = b.rooms().snapshot("match").get(5, TimeUnit.SECONDS);
            assertThat(room.peers()).extracting(p -> p.peerId()).containsExactlyInAnyOrder(
                    a1Welcome.path("peerId").asText(), b1Welcome.path("peerId").asText(),
                    a2Welcome.path("peerId").asText());
            System.out.printf("sent a1=%d b1=%d, all delivered once%n", a1Total, b1Total);
            // node a closed its incarnation itself (room.closed moved, on its links): b only opens its own
            assertThat(onB.seen()).containsExactly("created " + room.roomId());
        }
    }

    private static Map<String, String> drainEnv(RedisProcess redis) {
        Map<String, String> env = new HashMap<>(Cluster.env(redis, "a", "drain", 3000));
        env.put("SKYRTC_SERVER_DRAIN_TIMEOUT_MS", Long.toString(DRAIN_TIMEOUT_MS));
        return env;
    }

    private static long count(List<JsonNode> data, String sender) {
        return data.stream().filter(d -> d.path("s").asText().equals(sender)).count();
    }

    /** Keeps the data payloads {@code c} got so far, and the type of every frame. */
    private static void collect(WsClient c, List<JsonNode> data, List<String> types) {
        for (JsonNode n : c.drain()) {
            types.add(n.path("type").asText());
            if (n.path("type").asText().equals("data")) {
                data.add(n.path("payload"));
            }
        }
    }

    /** Reads {@code c} until its {@code draining} notice, keeping the data it got. */
    private static void awaitDraining(WsClient c, List<JsonNode> data) throws Exception {
        long end = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < end) {
            JsonNode n = c.poll(100);
            if (n == null) {
                continue;
            }
            if (n.path("type").asText().equals("draining")) {
                return;
            }
            if (n.path("type").asText().equals("data")) {
                data.add(n.path("payload"));
            }
        }
        throw new AssertionError("no draining notice within 10 s");
    }

    /** What the SDK does on {@code draining}: drop the socket, resume on another node with what it received. */
    private WsClient moveTo(SkyrtcServer b, WsClient old, JsonNode welcome, List<JsonNode> data) throws Exception {
        old.closeNormally();
        Cluster.data(old, data);
        Cluster.Resumed r = Cluster.resume(b.baseUri(), welcome.path("room").asText(), welcome.path("resumeToken").asText(),
                old.roomFramesReceived(), 8000);
        fixture.track(r.client());
        assertThat(r.welcome().path("peerId").asText()).isEqualTo(welcome.path("peerId").asText());
        assertThat(r.welcome().path("resumed").asBoolean()).isTrue();
        return r.client();
    }

    private static Thread sender(Runnable sendOne, AtomicBoolean sending) {
        Thread t = new Thread(() -> {
            while (sending.get()) {
                sendOne.run();
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "sender");
        t.setDaemon(true);
        return t;
    }
}
