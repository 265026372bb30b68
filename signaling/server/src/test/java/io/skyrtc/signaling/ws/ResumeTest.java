package io.skyrtc.signaling.ws;

import static io.skyrtc.signaling.testing.WsClient.msg;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.skyrtc.signaling.SkyrtcServer;
import io.skyrtc.signaling.testing.ServerFixture;
import io.skyrtc.signaling.testing.TestServers;
import io.skyrtc.signaling.testing.WsClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A dropped socket keeps its peer for the grace period; resume re-attaches and delivers queued frames once. */
class ResumeTest {
    private SkyrtcServer server;
    @RegisterExtension
    final ServerFixture fx = new ServerFixture();

    private WsClient client() {
        return fx.client(server);
    }

    @Test
    void resumeWithinGraceDeliversQueuedMessagesOnceInOrder() throws Exception {
        server = fx.use(TestServers.dev(Map.of("rooms.resumeGraceMs", "5000", "rooms.resumeQueueMax", "10")));
        WsClient a = client();
        JsonNode wa = a.join("resume", null);
        String aid = wa.get("peerId").asText();
        WsClient b = client();
        String bid = b.join("resume", null).get("peerId").asText();
        a.expect("peer-joined");

        a.drop();
        // while a is detached, b keeps sending to it; b is told nothing (a has not left yet)
        for (int i = 0; i < 5; i++) {
            b.send(msg("data", "to", aid, "payload", i));
        }
        b.send(msg("offer", "to", aid, "sdp", "v=0 queued"));
        b.expectSilence(300);

        WsClient a2 = client();
        JsonNode w2 = a2.resume("resume", wa.get("resumeToken").asText(), a);
        assertThat(w2.get("peerId").asText()).isEqualTo(aid);
        assertThat(w2.get("resumed").asBoolean()).isTrue();
        assertThat(w2.get("peers").get(0).get("peerId").asText()).isEqualTo(bid);
        assertThat(w2.get("resumeToken").asText()).isNotEqualTo(wa.get("resumeToken").asText());
        for (int i = 0; i < 5; i++) {
            JsonNode d = a2.expect("data");
            assertThat(d.get("payload").asInt()).isEqualTo(i);
            assertThat(d.get("from").asText()).isEqualTo(bid);
        }
        assertThat(a2.expect("offer").get("sdp").asText()).isEqualTo("v=0 queued");
        a2.expectSilence(200);

        // the resumed peer is live both ways
        a2.send(msg("answer", "to", bid, "sdp", "v=0 answer"));
        assertThat(b.expect("answer").get("from").asText()).isEqualTo(aid);
        b.expectSilence(200);

        // the token was single-use
        WsClient thief = client();
        thief.send(msg("join", "room", "resume", "resume", wa.get("resumeToken").asText()));
        thief.expectError("resume-invalid");
    }

    @Test
    void framesInFlightOnTheDeadSocketAreReplayed() throws Exception {
        server = fx.use(TestServers.dev(Map.of("rooms.resumeGraceMs", "5000")));
        WsClient a = client();
        JsonNode wa = dropWithThreeDataInFlight("flight", a);
        WsClient a2 = client();
        // a counted 1 room frame (peer-joined) and at most the first data frame it had requested
        JsonNode w2 = a2.resume("flight", wa.get("resumeToken").asText(), a);
        assertThat(w2.get("resumed").asBoolean()).isTrue();
        List<Integer> got = new ArrayList<>();
        for (JsonNode seenBefore : a.drain()) {
            if (seenBefore.path("type").asText().equals("data")) {
                got.add(seenBefore.get("payload").asInt());
            }
        }
        int seenBefore = got.size();
        while (got.size() < 3) {
            got.add(a2.expect("data").get("payload").asInt());
        }
        assertThat(got).containsExactly(0, 1, 2);
        a2.expectSilence(200);
        assertThat(server.metrics().resumeReplayed.count()).isEqualTo(3 - seenBefore);
    }

    @Test
    void framesInFlightBeyondTheReplayRingAreCountedAsMissed() throws Exception {
        server = fx.use(TestServers.dev(Map.of("rooms.resumeGraceMs", "5000", "rooms.resumeQueueMax", "1")));
        WsClient a = client();
        JsonNode wa = dropWithThreeDataInFlight("missed", a);
        WsClient a2 = client();
        a2.resume("missed", wa.get("resumeToken").asText(), a);
        long seen = a.drain().stream().filter(m -> m.path("type").asText().equals("data")).count();
        // the ring (1 frame) replays the newest frame the client did not see; older ones are lost
        if (seen < 3) {
            assertThat(a2.expect("data").get("payload").asInt()).isEqualTo(2);
        }
        a2.expectSilence(200);
        assertThat(server.metrics().resumeReplayMissed.count()).isEqualTo(Math.max(0, 3 - seen - 1));
    }

    /**
     * {@code a} joins {@code room} with a second peer, stops reading, gets data 0..2 written to its
     * socket (never seen by the client, unless already read), and drops; returns a's welcome.
     */
    private JsonNode dropWithThreeDataInFlight(String room, WsClient a) throws Exception {
        JsonNode wa = a.join(room, null);
        String aid = wa.get("peerId").asText();
        WsClient b = client();
        b.join(room, null);
        assertThat(a.expect("peer-joined")).isNotNull();
        a.stopReading();
        for (int i = 0; i < 3; i++) {
            b.send(msg("data", "to", aid, "payload", i));
        }
        b.send(msg("ping"));
        b.expect("pong");
        Thread.sleep(200);
        a.drop();
        return wa;
    }

    @Test
    void queueIsBoundedDroppingOldest() {
        server = fx.use(TestServers.dev(Map.of("rooms.resumeGraceMs", "5000", "rooms.resumeQueueMax", "3")));
        WsClient a = client();
        JsonNode wa = a.join("bounded", null);
        WsClient b = client();
        b.join("bounded", null);
        a.expect("peer-joined");
        a.drop();
        awaitDetached("bounded", wa.get("peerId").asText());
        for (int i = 0; i < 5; i++) {
            b.send(msg("data", "to", wa.get("peerId").asText(), "payload", i));
        }
        b.send(msg("ping"));
        b.expect("pong");
        WsClient a2 = client();
        a2.resume("bounded", wa.get("resumeToken").asText(), a);
        assertThat(a2.expect("data").get("payload").asInt()).isEqualTo(2);
        assertThat(a2.expect("data").get("payload").asInt()).isEqualTo(3);
        assertThat(a2.expect("data").get("payload").asInt()).isEqualTo(4);
        assertThat(server.metrics().resumeQueueDrops.count()).isEqualTo(2);
    }

    @Test
    void queueIsBoundedInBytesAndAnOversizeFrameIsNotKept() throws Exception {
        // 1024 bytes hold two ~360-byte data frames (plus 4 bytes each) but not three
        server = fx.use(TestServers.dev(Map.of("rooms.resumeGraceMs", "5000", "rooms.resumeQueueMaxBytes", "1024")));
        WsClient a = client();
        JsonNode wa = a.join("bytes", null);
        String aid = wa.get("peerId").asText();
        WsClient b = client();
        b.join("bytes", null);
        a.expect("peer-joined");
        a.drop();
        awaitDetached("bytes", aid);
        String small = "s".repeat(300);
        String big = "B".repeat(1100);
        for (String payload : List.of(small + 0, small + 1, big, small + 2, small + 3, small + 4)) {
            b.send(msg("data", "to", aid, "payload", payload));
        }
        b.send(msg("ping"));
        b.expect("pong");
        WsClient a2 = client();
        a2.resume("bytes", wa.get("resumeToken").asText(), a);
        assertThat(a2.expect("data").get("payload").asText()).isEqualTo(small + 3);
        assertThat(a2.expect("data").get("payload").asText()).isEqualTo(small + 4);
        a2.expectSilence(200);
        // 0 and 1 went with the big frame (nothing older than a dropped frame is kept), then 2
        assertThat(server.metrics().resumeQueueDrops.count()).isEqualTo(4);
    }

    /** Waits until the room itself has seen the socket close (so frames queue instead of being written). */
    private void awaitDetached(String room, String peerId) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() ->
                server.rooms().snapshot(room).get().peers().stream()
                        .anyMatch(m -> m.peerId().equals(peerId) && !m.attached()));
    }

    @Test
    void afterGraceOthersSeeTimeoutAndTokenIsDead() {
        server = fx.use(TestServers.dev(Map.of("rooms.resumeGraceMs", "300")));
        WsClient a = client();
        JsonNode wa = a.join("grace", null);
        WsClient b = client();
        b.join("grace", null);
        a.expect("peer-joined");
        a.drop();
        JsonNode left = b.expect("peer-left");
        assertThat(left.get("peerId").asText()).isEqualTo(wa.get("peerId").asText());
        assertThat(left.get("reason").asText()).isEqualTo("timeout");
        WsClient late = client();
        late.send(msg("join", "room", "grace", "resume", wa.get("resumeToken").asText()));
        late.expectError("resume-invalid");
    }

    @Test
    void resumeTakesOverAHalfOpenSocketAndTokenIsBoundToItsRoom() {
        server = fx.use(TestServers.dev(Map.of("rooms.resumeGraceMs", "5000")));
        WsClient a = client();
        JsonNode wa = a.join("half", null);
        WsClient wrongRoom = client();
        wrongRoom.send(msg("join", "room", "other", "resume", wa.get("resumeToken").asText()));
        wrongRoom.expectError("resume-invalid");

        // the old socket is still open (server has not noticed a problem): resume replaces it
        WsClient a2 = client();
        a2.send(msg("join", "room", "half", "resume", wa.get("resumeToken").asText()));
        assertThat(a2.expect("welcome").get("peerId").asText()).isEqualTo(wa.get("peerId").asText());
        assertThat(a.awaitClose()).isEqualTo(4003);
    }
}
