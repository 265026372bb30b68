package io.skyrtc.signaling.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.skyrtc.signaling.SkyrtcServer;
import io.skyrtc.signaling.testing.ServerFixture;
import io.skyrtc.signaling.testing.TestServers;
import io.skyrtc.signaling.testing.WsClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Fencing: the owner is paused (SIGSTOP) past its lease, another node takes the room over, then the old
 * owner runs again. Nothing it does as the room's former owner reaches the other nodes' peers; it
 * notices the lost lease, sends its own peer to the new owner (1012), and that peer resumes there.
 */
class PausedOwnerTest {
    static final long LEASE_MS = 3000;

    @RegisterExtension
    final ServerFixture fixture = new ServerFixture();

    @Test
    void ownerPausedPastItsLeaseDoesNotActAsOwnerWhenItRunsAgain() throws Exception {
        try (RedisProcess redis = new RedisProcess();
             NodeProcess a = new NodeProcess(Cluster.env(redis, "a", "stop", LEASE_MS))) {
            SkyrtcServer b = fixture.use(TestServers.dev(Cluster.overrides(redis, "b", "stop", LEASE_MS)));
            SkyrtcServer c = fixture.use(TestServers.dev(Cluster.overrides(redis, "c", "stop", LEASE_MS)));
            await().atMost(Duration.ofSeconds(60)).until(() -> b.routing().redisUp() && c.routing().redisUp());

            WsClient a1 = fixture.track(WsClient.connect(a.base));
            JsonNode a1Welcome = a1.join("match", null);
            WsClient b1 = fixture.client(b);
            b1.join("match", null);
            WsClient c1 = fixture.client(c);
            c1.join("match", null);
            a1.expect("peer-joined");
            a1.expect("peer-joined");
            b1.expect("peer-joined");

            a.signal("STOP");
            // written while the owner is frozen: it reads this only after it lost the room
            a1.send(WsClient.msg("data", "payload", Map.of("m", "stale")));
            await().atMost(Duration.ofSeconds(15)).until(() -> !b.routing().ownedRooms().isEmpty()
                    || !c.routing().ownedRooms().isEmpty());
            // the survivors were moved to the new owner without noticing more than a resumed welcome
            assertThat(b1.expect("welcome").path("resumed").asBoolean()).isTrue();
            assertThat(c1.expect("welcome").path("resumed").asBoolean()).isTrue();
            String owner = RedisOutageTest.redisCli(redis, "GET", "stop:room:{match}:owner");
            assertThat(owner).doesNotStartWith("a|");

            a.signal("CONT");
            // the old owner finds its lease gone: its peer is told and sent on, it relays nothing
            a1.expectError("unavailable");
            assertThat(a1.awaitClose()).isEqualTo(1012);
            Thread.sleep(1500);
            for (WsClient survivor : List.of(b1, c1)) {
                List<String> got = new ArrayList<>();
                survivor.drain().forEach(n -> got.add(n.toString()));
                assertThat(got).as("frames after the pause").noneMatch(f -> f.contains("stale"));
            }
            assertThat(RedisOutageTest.redisCli(redis, "GET", "stop:room:{match}:owner")).isEqualTo(owner);
            assertThat(a.log()).anyMatch(l -> l.contains("lost the lease of room match"));

            // a1 comes back through another node as the same peer, and is heard
            Cluster.Resumed r = Cluster.resume(b.baseUri(), "match", a1Welcome.path("resumeToken").asText(),
                    a1.roomFramesReceived(), 10_000);
            fixture.track(r.client());
            assertThat(r.welcome().path("peerId").asText()).isEqualTo(a1Welcome.path("peerId").asText());
            r.client().send(WsClient.msg("data", "payload", Map.of("m", "fresh")));
            assertThat(b1.expect("data").path("payload").path("m").asText()).isEqualTo("fresh");
            assertThat(c1.expect("data").path("payload").path("m").asText()).isEqualTo("fresh");
        }
    }
}
