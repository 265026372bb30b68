package io.skyrtc.signaling.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.skyrtc.signaling.SkyrtcServer;
import io.skyrtc.signaling.testing.ServerFixture;
import io.skyrtc.signaling.testing.TestServers;
import io.skyrtc.signaling.testing.WsClient;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The actor core sees room.created / room.closed pair up across a move: when the owner dies (kill -9),
 * the node taking the room over closes the dead owner's incarnation ({@code moved}, its room id) before
 * its own room.created.
 */
class RoomMovePairingTest {
    @RegisterExtension
    final ServerFixture fixture = new ServerFixture();

    @Test
    void theNewOwnerClosesTheDeadOwnersIncarnationBeforeCreatingItsOwn() throws Exception {
        try (RedisProcess redis = new RedisProcess();
             NodeProcess a = new NodeProcess(Cluster.env(redis, "a", "pair", 3000))) {
            RoomIncarnations onB = new RoomIncarnations("match");
            SkyrtcServer b = fixture.use(TestServers.start(TestServers.config(Cluster.overrides(redis, "b", "pair", 3000)),
                    onB));
            await().atMost(Duration.ofSeconds(60)).until(() -> b.routing().redisUp());

            WsClient a1 = fixture.track(WsClient.connect(a.base));
            a1.join("match", null);  // node a owns the room
            WsClient b1 = fixture.client(b);
            b1.join("match", null);
            String deadId = b.rooms().snapshot("match").get(5, TimeUnit.SECONDS).roomId();  // asked of node a
            assertThat(deadId).startsWith("r_");
            assertThat(onB.seen()).isEmpty();

            a.signal("KILL");
            a.process.waitFor();
            await().atMost(Duration.ofSeconds(15)).until(() -> b.routing().ownedRooms().contains("match")
                    && onB.seen().size() >= 2);
            String newId = b.rooms().snapshot("match").get(5, TimeUnit.SECONDS).roomId();
            assertThat(newId).isNotEqualTo(deadId);
            assertThat(onB.seen()).containsExactly("closed " + deadId + " moved", "created " + newId);
        }
    }
}
