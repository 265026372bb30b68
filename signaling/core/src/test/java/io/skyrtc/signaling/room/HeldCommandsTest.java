package io.skyrtc.signaling.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.skyrtc.signaling.metrics.SignalingMetrics;
import io.skyrtc.signaling.protocol.ClientMessage;
import io.skyrtc.signaling.protocol.CloseCodes;
import io.skyrtc.signaling.protocol.ServerMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Multi-node fencing on the owner's own side, in-process: while the routing says this node may not act as
 * the room's owner (its lease unconfirmed), what peers send is held, in order, and relayed once confirmed;
 * a room that moved refuses what it held; at most rooms.resumeQueueMax are held.
 */
class HeldCommandsTest {
    static final int HOLD_MAX = 3;

    final FakeRouting routing = new FakeRouting();
    RoomRegistry registry = registry(60_000);

    RoomRegistry registry(long emptyRoomTtlMs) {
        RoomSettings settings = new RoomSettings(4, 10, emptyRoomTtlMs, 5_000, HOLD_MAX, 64 * 1024, 20_000,
                new ServerMessage.LimitsInfo(65536, 32768, 50, 200, 4, 60_000, 5_000), 64);
        RoomRegistry r = new RoomRegistry(settings, RoomTest.CODEC, (room, peer, identity) -> List.of(),
                new SignalingMetrics(), RoomObserver.NONE);
        r.routeWith(routing);
        return r;
    }

    @AfterEach
    void close() {
        registry.close();
    }

    FakeLink join(String name) throws Exception {
        FakeLink link = sendJoin(name);
        link.next("welcome");
        return link;
    }

    FakeLink sendJoin(String name) throws Exception {
        FakeLink link = new FakeLink();
        registry.join(link, (ClientMessage.Join) RoomTest.message("{\"type\":\"join\",\"id\":\"j-" + name
                + "\",\"room\":\"r\",\"name\":\"" + name + "\"}"), name, ServerMessage.Grants.ALL);
        return link;
    }

    void data(FakeLink from, int n) throws Exception {
        registry.fromPeer(from.room, from, RoomTest.message("{\"type\":\"data\",\"id\":\"d" + n
                + "\",\"payload\":{\"n\":" + n + "}}"));
    }

    @Test
    void whatPeersSendWhileTheLeaseIsUnconfirmedIsRelayedInOrderOnceItIs() throws Exception {
        FakeLink alice = join("alice");
        FakeLink bob = join("bob");
        alice.next("peer-joined");
        routing.mayAct = false;  // e.g. the process was frozen past its lease
        data(alice, 1);
        data(alice, 2);
        bob.nothingMore();
        assertThat(routing.asked).isTrue();
        registry.ownerConfirmed("r");  // told while still unconfirmed: it keeps holding
        bob.nothingMore();
        routing.mayAct = true;
        data(alice, 3);  // behind the held ones
        registry.ownerConfirmed("r");
        for (int n = 1; n <= 3; n++) {
            assertThat(bob.next("data").path("payload").path("n").asInt()).isEqualTo(n);
        }
        data(alice, 4);
        assertThat(bob.next("data").path("payload").path("n").asInt()).isEqualTo(4);
        alice.nothingMore();
    }

    @Test
    void aRoomThatMovedRefusesWhatItHeldAndRelaysNothing() throws Exception {
        FakeLink alice = join("alice");
        FakeLink bob = join("bob");
        alice.next("peer-joined");
        routing.mayAct = false;
        data(alice, 1);
        data(alice, 2);
        FakeLink late = new FakeLink();
        registry.join(late, (ClientMessage.Join) RoomTest.message("{\"type\":\"join\",\"id\":\"j\",\"room\":\"r\","
                + "\"name\":\"late\"}"), "late", ServerMessage.Grants.ALL);
        registry.moved("r");  // the renewal found the lease taken
        for (String ref : List.of("d1", "d2")) {
            JsonNode refused = alice.next("error");
            assertThat(refused.path("code").asText()).isEqualTo("unavailable");
            assertThat(refused.path("ref").asText()).isEqualTo(ref);
            assertThat(refused.path("message").asText()).startsWith("not relayed");
        }
        JsonNode lateRefused = late.next("error");
        assertThat(lateRefused.path("code").asText()).isEqualTo("unavailable");
        assertThat(lateRefused.path("ref").asText()).isEqualTo("j");
        await().atMost(Duration.ofSeconds(5)).until(() -> late.rejections == 1);  // told after the frame
        assertThat(alice.next("error").path("code").asText()).isEqualTo("unavailable");  // the room moved
        assertThat(bob.next("error").path("code").asText()).isEqualTo("unavailable");
        bob.nothingMore();  // no data, no peer-joined
        assertThat(bob.closeCode).isEqualTo(CloseCodes.SERVICE_RESTART);
    }

    @Test
    void atMostResumeQueueMaxAreHeldTheNextIsRefusedAtOnce() throws Exception {
        FakeLink alice = join("alice");
        FakeLink bob = join("bob");
        alice.next("peer-joined");
        routing.mayAct = false;
        for (int n = 1; n <= HOLD_MAX + 1; n++) {
            data(alice, n);
        }
        JsonNode refused = alice.next("error");
        assertThat(refused.path("code").asText()).isEqualTo("unavailable");
        assertThat(refused.path("ref").asText()).isEqualTo("d" + (HOLD_MAX + 1));
        routing.mayAct = true;
        registry.ownerConfirmed("r");
        for (int n = 1; n <= HOLD_MAX; n++) {
            assertThat(bob.next("data").path("payload").path("n").asInt()).isEqualTo(n);
        }
        bob.nothingMore();
    }

    @Test
    void aJoinThatReachesARoomAfterItClosedIsRoutedAgainNotServedByARoomOpenedWithoutALease() throws Exception {
        registry.close();
        registry = registry(300);
        FakeLink alice = join("alice");
        registry.fromPeer(alice.room, alice, RoomTest.message("{\"type\":\"leave\"}"));  // empty: closes in 300 ms
        routing.mayAct = false;
        FakeLink late = sendJoin("late");  // held: queued behind the room's close
        routing.mayAct = true;  // not told: the empty timer closes the room first
        late.next("welcome");
        assertThat(routing.joins).as("the held join went through the routing again (the lease left with the room)")
                .containsExactly("alice", "late", "late");
    }

    @Test
    void aRoomWhoseLeaseIsNotAmongTheConfirmedOnesDismissesItsPeersInsteadOfHoldingForever() throws Exception {
        FakeLink alice = join("alice");
        FakeLink bob = join("bob");
        alice.next("peer-joined");
        routing.owner = false;  // e.g. opened by a join while the watchdog let the room's orphan lease go
        data(alice, 1);
        JsonNode refused = alice.next("error");
        assertThat(refused.path("code").asText()).isEqualTo("unavailable");
        assertThat(refused.path("ref").asText()).isEqualTo("d1");
        assertThat(alice.next("error").path("code").asText()).isEqualTo("unavailable");
        assertThat(bob.next("error").path("code").asText()).isEqualTo("unavailable");
        bob.nothingMore();
        assertThat(bob.closeCode).isEqualTo(CloseCodes.SERVICE_RESTART);
        assertThat(registry.localRoom("r")).as("not left behind").isNull();
    }

    @Test
    void aSocketThatClosesWhileItsJoinIsHeldTakesTheJoinBack() throws Exception {
        FakeLink alice = join("alice");
        routing.mayAct = false;
        FakeLink late = new FakeLink();
        Room room = registry.join(late, (ClientMessage.Join) RoomTest.message("{\"type\":\"join\",\"room\":\"r\","
                + "\"name\":\"late\"}"), "late", ServerMessage.Grants.ALL);
        registry.disconnected(room, late);  // its join timed out: the socket closed before the room answered
        routing.mayAct = true;
        registry.ownerConfirmed("r");
        alice.nothingMore();  // no peer-joined (and no detached peer for the resume grace)
        late.nothingMore();
        assertThat(registry.snapshot("r").get().peers()).hasSize(1);
    }

    /** Serves every room here; {@link #mayAct} says whether the node may act as owner now. */
    final class FakeRouting implements RoomRouting {
        volatile boolean mayAct = true;
        /** With {@link #mayAct}: the room's lease is among the confirmed ones. */
        volatile boolean owner = true;
        volatile boolean asked;
        final List<String> joins = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public OwnerCheck mayActAsOwner(String room) {
            if (!mayAct) {
                asked = true;
                return OwnerCheck.HOLD;
            }
            return owner ? OwnerCheck.ACT : OwnerCheck.NOT_OWNER;
        }

        @Override
        public Room join(PeerLink link, ClientMessage.Join message, String identity, ServerMessage.Grants grants,
                         Instant tokenExpiresAt, JsonNode tokenMeta) {
            joins.add(message.name());
            return registry.joinHere(link, message, identity, grants, tokenExpiresAt, tokenMeta);
        }

        @Override
        public Room resume(PeerLink link, ClientMessage.Join message) {
            return registry.resumeHere(link, message);
        }

        @Override
        public CompletableFuture<JsonNode> elsewhere(String room, String op, ObjectNode args) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public List<String> clusterRooms(List<String> local) {
            return local;
        }

        @Override
        public void memberAttached(String room, MemberState member) {}
    }
}
