package io.skyrtc.signaling.ws;

import static io.skyrtc.signaling.testing.WsClient.msg;
import static org.assertj.core.api.Assertions.assertThat;

import io.skyrtc.signaling.SkyrtcServer;
import io.skyrtc.signaling.protocol.ServerMessage;
import io.skyrtc.signaling.testing.ServerFixture;
import io.skyrtc.signaling.testing.TestServers;
import io.skyrtc.signaling.testing.WsClient;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A resume cannot outlive the room token; taking over a live socket is counted (issue 18 item 11). */
class ResumeExpiryTest {
    @RegisterExtension
    final ServerFixture fx = new ServerFixture();

    @Test
    void resumeIsRefusedOnceTheRoomTokenExpiredAndTakeoversAreCounted() throws Exception {
        SkyrtcServer server = fx.use(TestServers.start(Map.of("rooms.resumeGraceMs", "60000")));
        var issued = server.roomTokens().issue("short", "alice", null, 3, ServerMessage.Grants.ALL);
        WsClient first = fx.client(server);
        JsonNodeHolder w = new JsonNodeHolder(first.join("short", issued.token()));

        // before exp: a resume may take the live socket over (the old one is closed 4003), and is counted
        double before = server.metrics().resumeTakeovers.count();
        WsClient second = fx.client(server);
        var resumed = second.resume("short", w.resumeToken(), first);
        assertThat(resumed.get("resumed").asBoolean()).isTrue();
        assertThat(first.awaitClose()).isEqualTo(4003);
        assertThat(server.metrics().resumeTakeovers.count()).isEqualTo(before + 1);

        // the chain ends at the token's exp, although the grace period is far from over
        second.drop();
        while (!Instant.now().isAfter(issued.expiresAt())) {
            Thread.sleep(100);
        }
        WsClient third = fx.client(server);
        third.send(msg("join", "room", "short", "resume", resumed.get("resumeToken").asText(), "id", "r"));
        var refused = third.expectError("resume-invalid");
        assertThat(refused.get("message").asText()).contains("room token").contains("expired")
                .contains(issued.expiresAt().toString());
        assertThat(refused.get("ref").asText()).isEqualTo("r");
        // a fresh token still joins
        var fresh = server.roomTokens().issue("short", "alice", null, 60, ServerMessage.Grants.ALL);
        assertThat(third.join("short", fresh.token()).get("resumed").asBoolean()).isFalse();
    }

    @Test
    void aDetachedPeerWhoseResumeIsRefusedForAnExpiredTokenLeavesAtOnce() throws Exception {
        SkyrtcServer server = fx.use(TestServers.start(Map.of("rooms.resumeGraceMs", "60000")));
        var issued = server.roomTokens().issue("gone", "alice", null, 1, ServerMessage.Grants.ALL);
        var long1 = server.roomTokens().issue("gone", "bob", null, 600, ServerMessage.Grants.ALL);
        WsClient other = fx.client(server);
        other.join("gone", long1.token());
        WsClient first = fx.client(server);
        var w = first.join("gone", issued.token());
        String oldPeer = w.get("peerId").asText();
        other.expect("peer-joined");
        first.drop();
        while (!Instant.now().isAfter(issued.expiresAt())) {
            Thread.sleep(100);
        }
        WsClient again = fx.client(server);
        again.send(msg("join", "room", "gone", "resume", w.get("resumeToken").asText()));
        again.expectError("resume-invalid");
        // peer-left at once (within WsClient's 5 s), not after the 60 s grace
        var left = other.expect("peer-left");
        assertThat(left.get("peerId").asText()).isEqualTo(oldPeer);
        assertThat(left.get("reason").asText()).isEqualTo("timeout");
        var fresh = server.roomTokens().issue("gone", "alice", null, 60, ServerMessage.Grants.ALL);
        var rejoined = again.join("gone", fresh.token());
        assertThat(rejoined.get("peers")).hasSize(1);
        assertThat(rejoined.get("peers").get(0).get("peerId").asText()).isNotEqualTo(oldPeer);
    }

    @Test
    void devJoinsWithoutATokenStillResume() {
        SkyrtcServer server = fx.use(TestServers.dev(Map.of()));
        WsClient first = fx.client(server);
        String resumeToken = first.join("dev-room", null).get("resumeToken").asText();
        first.drop();
        assertThat(fx.client(server).resume("dev-room", resumeToken, first).get("resumed").asBoolean()).isTrue();
    }

    private record JsonNodeHolder(com.fasterxml.jackson.databind.JsonNode welcome) {
        String resumeToken() {
            return welcome.get("resumeToken").asText();
        }
    }
}
