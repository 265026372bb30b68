package io.skyrtc.signaling.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.skyrtc.signaling.metrics.SignalingMetrics;
import io.skyrtc.signaling.protocol.ClientMessage;
import io.skyrtc.signaling.protocol.CloseCodes;
import io.skyrtc.signaling.protocol.ProtocolCodec;
import io.skyrtc.signaling.protocol.ProtocolLimits;
import io.skyrtc.signaling.protocol.ServerMessage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Rooms driven in-process, without sockets: {@link RoomRegistry} and {@link Room} with {@link FakeLink}s for
 * join, leave, relay, resume, kick and the room limits.
 */
class RoomTest {
    static final ProtocolCodec CODEC = new ProtocolCodec(ProtocolLimits.DEFAULTS);
    static final String SDP = "v=0\\r\\no=- 1 2 IN IP4 127.0.0.1\\r\\n";

    final SignalingMetrics metrics = new SignalingMetrics();
    RoomRegistry registry = registry(3, 10, 5_000);

    RoomRegistry registry(int maxPeersPerRoom, int maxRooms, long resumeGraceMs) {
        RoomSettings settings = new RoomSettings(maxPeersPerRoom, maxRooms, 60_000, resumeGraceMs, 16, 64 * 1024,
                20_000, new ServerMessage.LimitsInfo(65536, 32768, 50, 200, maxPeersPerRoom, 60_000, resumeGraceMs), 64);
        return new RoomRegistry(settings, CODEC, (room, peer, identity) -> List.of(), metrics, RoomObserver.NONE);
    }

    @AfterEach
    void close() {
        registry.close();
    }

    static ClientMessage message(String json) throws Exception {
        return CODEC.decode(json);
    }

    /** Joins {@code room} as {@code name} and returns the link once its welcome arrived. */
    FakeLink join(String room, String name) throws Exception {
        FakeLink link = new FakeLink();
        registry.join(link, (ClientMessage.Join) message("{\"type\":\"join\",\"room\":\"" + room + "\",\"name\":\""
                + name + "\"}"), name, ServerMessage.Grants.ALL);
        JsonNode welcome = link.next("welcome");
        assertThat(welcome.path("peerId").asText()).isEqualTo(link.peerId);
        return link;
    }

    void send(FakeLink from, String json) throws Exception {
        registry.fromPeer(from.room, from, message(json));
    }

    @Test
    void aJoinIsWelcomedWithThePeersAlreadyThereWhoAreToldOfIt() throws Exception {
        FakeLink alice = join("lobby", "alice");
        FakeLink bob = new FakeLink();
        registry.join(bob, (ClientMessage.Join) message("{\"type\":\"join\",\"room\":\"lobby\",\"name\":\"bob\"}"),
                "bob", ServerMessage.Grants.ALL);
        JsonNode welcome = bob.next("welcome");
        assertThat(welcome.path("room").asText()).isEqualTo("lobby");
        assertThat(welcome.path("peers")).hasSize(1);
        assertThat(welcome.path("peers").get(0).path("peerId").asText()).isEqualTo(alice.peerId);
        assertThat(welcome.path("resumeToken").asText()).isNotBlank();
        JsonNode joined = alice.next("peer-joined");
        assertThat(joined.path("peer").path("peerId").asText()).isEqualTo(bob.peerId);
        assertThat(joined.path("peer").path("name").asText()).isEqualTo("bob");
        assertThat(registry.roomNames()).containsExactly("lobby");
    }

    @Test
    void anOfferIsRelayedToItsTargetOnlyWithTheSendersId() throws Exception {
        FakeLink alice = join("r", "alice");
        FakeLink bob = join("r", "bob");
        FakeLink carol = join("r", "carol");
        alice.next("peer-joined");
        alice.next("peer-joined");
        bob.next("peer-joined");
        send(alice, "{\"type\":\"offer\",\"to\":\"" + bob.peerId + "\",\"sdp\":\"" + SDP + "\"}");
        JsonNode offer = bob.next("offer");
        assertThat(offer.path("from").asText()).isEqualTo(alice.peerId);
        assertThat(offer.path("sdp").asText()).startsWith("v=0\r\n");
        carol.nothingMore();
        alice.nothingMore();
    }

    @Test
    void anOfferToNobodyOrToOneselfIsAnErrorForTheSender() throws Exception {
        FakeLink alice = join("r", "alice");
        send(alice, "{\"type\":\"offer\",\"id\":\"o1\",\"to\":\"p_nobody\",\"sdp\":\"" + SDP + "\"}");
        JsonNode error = alice.next("error");
        assertThat(error.path("code").asText()).isEqualTo("unknown-peer");
        assertThat(error.path("ref").asText()).isEqualTo("o1");
        send(alice, "{\"type\":\"offer\",\"to\":\"" + alice.peerId + "\",\"sdp\":\"" + SDP + "\"}");
        assertThat(alice.next("error").path("code").asText()).isEqualTo("unknown-peer");
    }

    @Test
    void dataWithoutATargetGoesToEveryOtherPeer() throws Exception {
        FakeLink alice = join("r", "alice");
        FakeLink bob = join("r", "bob");
        FakeLink carol = join("r", "carol");
        alice.next("peer-joined");
        alice.next("peer-joined");
        bob.next("peer-joined");
        send(alice, "{\"type\":\"data\",\"payload\":{\"n\":1}}");
        assertThat(bob.next("data").path("payload").path("n").asInt()).isEqualTo(1);
        assertThat(carol.next("data").path("from").asText()).isEqualTo(alice.peerId);
        alice.nothingMore();
    }

    @Test
    void leaveClosesTheSocketAndTellsTheOthersAtOnce() throws Exception {
        FakeLink alice = join("r", "alice");
        FakeLink bob = join("r", "bob");
        alice.next("peer-joined");
        send(bob, "{\"type\":\"leave\"}");
        JsonNode left = alice.next("peer-left");
        assertThat(left.path("peerId").asText()).isEqualTo(bob.peerId);
        assertThat(left.path("reason").asText()).isEqualTo("leave");
        await().atMost(Duration.ofSeconds(10)).until(() -> bob.closeCode == CloseCodes.NORMAL);
    }

    @Test
    void aDroppedPeerResumesWithItsTokenAndGetsWhatWasSentMeanwhile() throws Exception {
        FakeLink alice = join("r", "alice");
        FakeLink bob = new FakeLink();
        registry.join(bob, (ClientMessage.Join) message("{\"type\":\"join\",\"room\":\"r\",\"name\":\"bob\"}"),
                "bob", ServerMessage.Grants.ALL);
        String resumeToken = bob.next("welcome").path("resumeToken").asText();
        alice.next("peer-joined");
        registry.disconnected(bob.room, bob);
        send(alice, "{\"type\":\"data\",\"to\":\"" + bob.peerId + "\",\"payload\":\"while away\"}");
        alice.nothingMore();  // within the grace nobody is told bob left

        FakeLink again = new FakeLink();
        Room room = registry.resume(again, (ClientMessage.Join) message("{\"type\":\"join\",\"room\":\"r\",\"resume\":\""
                + resumeToken + "\",\"received\":1}"));
        assertThat(room).isNotNull();
        JsonNode welcome = again.next("welcome");
        assertThat(welcome.path("resumed").asBoolean()).isTrue();
        assertThat(welcome.path("peerId").asText()).isEqualTo(bob.peerId);
        assertThat(again.next("data").path("payload").asText()).isEqualTo("while away");
        assertThat(metrics.resumes.count()).isEqualTo(1);

        // the token is spent: the registry routes it nowhere (the socket answers resume-invalid)
        FakeLink replay = new FakeLink();
        assertThat(registry.resume(replay, (ClientMessage.Join) message("{\"type\":\"join\",\"room\":\"r\",\"resume\":\""
                + resumeToken + "\"}"))).isNull();
        assertThat(replay.peerId).isNull();
    }

    @Test
    void aPeerThatDoesNotResumeWithinTheGraceLeavesWithReasonTimeout() throws Exception {
        registry.close();
        registry = registry(3, 10, 200);
        FakeLink alice = join("r", "alice");
        FakeLink bob = join("r", "bob");
        alice.next("peer-joined");
        registry.disconnected(bob.room, bob);
        JsonNode left = alice.next("peer-left");
        assertThat(left.path("peerId").asText()).isEqualTo(bob.peerId);
        assertThat(left.path("reason").asText()).isEqualTo("timeout");
    }

    @Test
    void aKickTellsThePeerClosesItAndTellsTheOthers() throws Exception {
        FakeLink alice = join("r", "alice");
        FakeLink bob = join("r", "bob");
        alice.next("peer-joined");
        assertThat(registry.kick("r", bob.peerId, "cheating").get(10, TimeUnit.SECONDS)).isTrue();
        JsonNode kicked = bob.next("error");
        assertThat(kicked.path("code").asText()).isEqualTo("kicked");
        assertThat(kicked.path("message").asText()).isEqualTo("cheating");
        assertThat(bob.closeCode).isEqualTo(CloseCodes.NORMAL);
        assertThat(alice.next("peer-left").path("reason").asText()).isEqualTo("kicked");
        assertThat(registry.kick("r", bob.peerId, "again").get(10, TimeUnit.SECONDS)).isFalse();
        assertThat(registry.kick("no-such-room", "p", "x").get(10, TimeUnit.SECONDS)).isFalse();
    }

    @Test
    void aFullRoomRefusesOneMorePeerAtItsLimitExactly() throws Exception {
        join("r", "a");
        join("r", "b");
        join("r", "c");  // maxPeersPerRoom = 3
        FakeLink d = new FakeLink();
        registry.join(d, (ClientMessage.Join) message("{\"type\":\"join\",\"id\":\"j\",\"room\":\"r\",\"name\":\"d\"}"),
                "d", ServerMessage.Grants.ALL);
        JsonNode error = d.next("error");
        assertThat(error.path("code").asText()).isEqualTo("room-full");
        assertThat(error.path("ref").asText()).isEqualTo("j");
        await().atMost(Duration.ofSeconds(10)).until(() -> d.rejections == 1);
        assertThat(d.peerId).isNull();
    }

    @Test
    void theNodeRefusesOneRoomMoreThanMaxRooms() throws Exception {
        registry.close();
        registry = registry(3, 2, 5_000);
        join("one", "a");
        join("two", "b");
        FakeLink c = new FakeLink();
        Room room = registry.join(c, (ClientMessage.Join) message("{\"type\":\"join\",\"room\":\"three\",\"name\":\"c\"}"),
                "c", ServerMessage.Grants.ALL);
        assertThat(room).isNull();
        assertThat(c.next("error").path("code").asText()).isEqualTo("too-many-rooms");
        assertThat(registry.roomCount()).isEqualTo(2);
        join("one", "d");  // an existing room still takes joins
    }

    @Test
    void dataNeedsTheCanDataGrant() throws Exception {
        FakeLink alice = join("r", "alice");
        FakeLink mute = new FakeLink();
        registry.join(mute, (ClientMessage.Join) message("{\"type\":\"join\",\"room\":\"r\",\"name\":\"mute\"}"),
                "mute", new ServerMessage.Grants(true, true, false));
        mute.next("welcome");
        alice.next("peer-joined");
        send(mute, "{\"type\":\"data\",\"id\":\"d1\",\"payload\":1}");
        JsonNode error = mute.next("error");
        assertThat(error.path("code").asText()).isEqualTo("forbidden");
        assertThat(error.path("ref").asText()).isEqualTo("d1");
        alice.nothingMore();
    }
}
