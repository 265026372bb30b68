package io.skyrtc.signaling.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.skyrtc.signaling.SkyrtcServer;
import io.skyrtc.signaling.testing.ServerFixture;
import io.skyrtc.signaling.testing.TestServers;
import io.skyrtc.signaling.testing.WsClient;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With TURN configured, every attached peer gets {@code ice-servers} with fresh credentials when 80% of
 * {@code turn.ttlSeconds} has passed since its last ones, again and again; it is not a room frame (a
 * resume does not count or replay it), and a server without TURN never sends one.
 */
class IceServersPushTest {
    static final String TURN = "turn:127.0.0.1:3478?transport=udp";

    @RegisterExtension
    final ServerFixture fx = new ServerFixture();

    private SkyrtcServer withTurn(int ttlSeconds) {
        return fx.use(TestServers.dev(Map.of(
                "turn.urls", "[\"" + TURN + "\"]",
                "turn.secrets", "[\"push-secret\"]",
                "turn.ttlSeconds", String.valueOf(ttlSeconds),
                "turn.healthIntervalMs", "0")));
    }

    /** The unix expiry in a TURN REST username {@code <expiry>:<peerId>}. */
    private static long expiry(JsonNode iceServers) {
        JsonNode turn = iceServers.get(iceServers.size() - 1);
        assertThat(turn.get("urls").get(0).asText()).isEqualTo(TURN);
        return Long.parseLong(turn.get("username").asText().split(":")[0]);
    }

    @Test
    void freshCredentialsArePushedBeforeTheOldOnesExpire() throws Exception {
        SkyrtcServer server = withTurn(5);   // pushed 4 s after the welcome, then every 4 s
        WsClient a = fx.client(server);
        long welcomed = System.nanoTime();
        JsonNode welcome = a.join("ice-push", null);
        long first = expiry(welcome.get("iceServers"));
        a.expectSilence(3000);               // nothing before 80% of the lifetime
        JsonNode push = a.expect("ice-servers");
        long pushedAfterMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - welcomed);
        long second = expiry(push.get("iceServers"));
        assertThat(pushedAfterMs).as("pushed before the welcome's credentials expired").isLessThan(5000);
        assertThat(second).isGreaterThan(first);
        assertThat(push.get("iceServers").get(0).get("username").asText()).endsWith(":" + welcome.get("peerId").asText());
        assertThat(push.get("iceServers").get(0).get("credential").asText())
                .isNotEqualTo(welcome.get("iceServers").get(0).get("credential").asText());
        long third = expiry(a.expect("ice-servers").get("iceServers"));   // and again
        assertThat(third).isGreaterThan(second);
    }

    @Test
    void aPushIsNotARoomFrameAndAResumeRestartsTheClock() throws Exception {
        SkyrtcServer server = withTurn(2);   // every 1.6 s
        WsClient a = fx.client(server);
        WsClient b = fx.client(server);
        JsonNode aWelcome = a.join("ice-resume", null);
        b.join("ice-resume", null);
        a.expect("peer-joined");
        a.expect("ice-servers");             // a's push comes while b is in the room: not counted by the server
        b.send(WsClient.msg("data", "payload", "after-push"));
        a.expect("data");
        a.drop();
        WsClient a2 = fx.client(server);
        // a counts peer-joined and data (2 room frames); a server counting the push would replay one
        JsonNode resumed = a2.resume("ice-resume", aWelcome.get("resumeToken").asText(), a);
        assertThat(resumed.get("resumed").asBoolean()).isTrue();
        JsonNode next = a2.next();
        assertThat(next.get("type").asText()).as("nothing replayed, then a push").isEqualTo("ice-servers");
    }

    @Test
    void noTurnNoPush() throws Exception {
        SkyrtcServer server = fx.use(TestServers.dev(Map.of()));
        WsClient a = fx.client(server);
        assertThat(a.join("ice-none", null).get("iceServers").size()).isZero();
        a.expectSilence(2000);
    }
}
