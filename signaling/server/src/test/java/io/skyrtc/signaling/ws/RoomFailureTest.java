package io.skyrtc.signaling.ws;

import static io.skyrtc.signaling.testing.WsClient.msg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.skyrtc.signaling.SkyrtcServer;
import io.skyrtc.signaling.room.CloseReason;
import io.skyrtc.signaling.room.LeaveReason;
import io.skyrtc.signaling.room.RoomObserver;
import io.skyrtc.signaling.testing.ServerFixture;
import io.skyrtc.signaling.testing.TestServers;
import io.skyrtc.signaling.testing.WsClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A room whose actor throws, {@link Error}s included, is torn down cleanly and its name answers
 * again; a room failing during shutdown does not hold shutdown up.
 */
class RoomFailureTest {
    @RegisterExtension
    final ServerFixture fx = new ServerFixture();

    /** Thrown into a room's thread by the observer, the way an OutOfMemoryError would be. */
    static final class Injected extends Error {
        Injected() {
            super("injected into the room");
        }
    }

    /** Records room events; throws {@link Injected} on the join of a peer named "boom" or on {@code failOn} leaves. */
    static final class Saboteur implements RoomObserver {
        final List<String> events = new CopyOnWriteArrayList<>();
        final String failOnLeaveReason;

        Saboteur(String failOnLeaveReason) {
            this.failOnLeaveReason = failOnLeaveReason;
        }

        @Override
        public void roomClosed(String room, String roomId, CloseReason reason) {
            events.add("room.closed " + room + " " + reason.wire());
        }

        @Override
        public void peerJoined(String room, String peerId, String identity, String name, JsonNode meta) {
            events.add("peer.joined " + room + " " + name);
            if ("boom".equals(name)) {
                throw new Injected();
            }
        }

        @Override
        public void peerLeft(String room, String peerId, String identity, LeaveReason reason) {
            events.add("peer.left " + room + " " + reason.wire());
            if (reason.wire().equals(failOnLeaveReason)) {
                throw new Injected();
            }
        }
    }

    private static SkyrtcServer start(Saboteur observer, String... kv) {
        Map<String, String> o = new java.util.HashMap<>(Map.of("server.dev", "true"));
        for (int i = 0; i < kv.length; i += 2) {
            o.put(kv[i], kv[i + 1]);
        }
        return TestServers.start(TestServers.config(o), observer);
    }

    @Test
    void aRoomThatThrowsAnErrorIsTornDownAndItsNameAnswersAgain() {
        Saboteur observer = new Saboteur(null);
        SkyrtcServer server = fx.use(start(observer));
        WsClient a = fx.client(server);
        a.join("doomed", null);
        WsClient b = fx.client(server);
        b.send(msg("join", "room", "doomed", "name", "boom", "id", "j"));
        b.expect("welcome");  // sent before the observer heard the join and threw

        assertThat(b.expectError("internal").path("message").asText()).contains("rejoin");
        assertThat(b.awaitClose()).isEqualTo(1011);
        a.expect("peer-joined");
        a.expectError("internal");
        assertThat(a.awaitClose()).isEqualTo(1011);
        await().atMost(Duration.ofSeconds(5)).until(() -> observer.events.contains("room.closed doomed error"));
        assertThat(observer.events).contains("peer.left doomed error");
        assertThat(server.rooms().roomCount()).isZero();

        // the name is served by a fresh room, promptly
        WsClient c = fx.client(server);
        long t0 = System.nanoTime();
        assertThat(c.join("doomed", null).get("peers")).isEmpty();
        assertThat(System.nanoTime() - t0).isLessThan(Duration.ofSeconds(2).toNanos());
        WsClient d = fx.client(server);
        assertThat(d.join("doomed", null).get("peers")).hasSize(1);
        c.expect("peer-joined");
    }

    @Test
    void aRoomFailingDuringShutdownDoesNotHoldShutdownUp() {
        Saboteur observer = new Saboteur("shutdown");
        SkyrtcServer server = start(observer, "server.shutdownGraceMs", "20000");
        WsClient a = fx.client(server);
        a.join("doomed", null);
        long t0 = System.nanoTime();
        server.close();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        // before: the shutdown command never completed and close() waited shutdownGraceMs + 1 s
        assertThat(ms).isLessThan(5_000);
        a.expectError("server-shutdown");
        assertThat(a.awaitClose()).isEqualTo(1001);
        assertThat(observer.events).contains("room.closed doomed error");
    }
}
