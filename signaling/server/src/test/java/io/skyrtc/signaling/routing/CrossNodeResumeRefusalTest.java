package io.skyrtc.signaling.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.skyrtc.signaling.SkyrtcServer;
import io.skyrtc.signaling.testing.ServerFixture;
import io.skyrtc.signaling.testing.TestServers;
import io.skyrtc.signaling.testing.WsClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A resume with a token the owner does not know, sent to a node that does not own the room: the client is
 * told once. It was told twice (the owner's error relayed as a frame, then the edge's own), and the SDK,
 * already rejoining after the first, took the second for a refused join and closed the session.
 */
class CrossNodeResumeRefusalTest {
    @RegisterExtension
    final ServerFixture fixture = new ServerFixture();

    @Test
    void anUnknownResumeTokenOnANonOwnerNodeGetsOneResumeInvalid() throws Exception {
        try (RedisProcess redis = new RedisProcess()) {
            SkyrtcServer a = fixture.use(TestServers.dev(Cluster.overrides(redis, "a", "rr", 6000)));
            SkyrtcServer b = fixture.use(TestServers.dev(Cluster.overrides(redis, "b", "rr", 6000)));
            await().atMost(Duration.ofSeconds(60)).until(() -> a.routing().redisUp() && b.routing().redisUp());
            fixture.client(a).join("arena", null);
            assertThat(a.routing().ownedRooms()).containsExactly("arena");

            WsClient stranger = fixture.client(b);
            stranger.send(WsClient.msg("join", "room", "arena", "resume", "rt_unknown", "id", "r1"));
            assertThat(stranger.expectError("resume-invalid").path("message").asText()).contains("resume token");
            stranger.expectSilence(1_500);
            // the connection may join afresh after the refusal
            stranger.send(WsClient.msg("join", "room", "arena", "name", "fresh"));
            assertThat(stranger.expect("welcome").path("peers")).hasSize(1);
        }
    }
}
