package io.skyrtc.signaling.skynet;

import static org.assertj.core.api.Assertions.assertThat;

import io.skyrtc.signaling.SkyrtcServer;
import io.skyrtc.signaling.testing.ServerFixture;
import io.skyrtc.signaling.testing.TestServers;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Room commands from the actor core run on the calling (I/O) thread when the room is idle, like a
 * WebSocket frame: no thread hand-off per command, which made one-at-a-time commands from skynet several
 * times slower than inline ones (issue 19, defect 12).
 */
class CommandHandOffTest {
    @RegisterExtension
    final ServerFixture fx = new ServerFixture();

    @Test
    void anIdleRoomRunsACommandOnTheCallersThread() throws Exception {
        SkyrtcServer s = fx.use(TestServers.dev(Map.of()));
        String peer = fx.client(s).join("handoff", null).get("peerId").asText();
        CoreCommands commands = new CoreCommands(s.rooms(), new com.fasterxml.jackson.databind.ObjectMapper());
        Thread caller = Thread.currentThread();
        for (String name : new String[] {"room-info", "kick"}) {
            var data = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("room", "handoff");
            if (name.equals("kick")) {
                data.put("peer", "p_nosuch");
            }
            Thread[] ranOn = new Thread[1];
            var done = commands.run(name, data).handle((r, e) -> ranOn[0] = Thread.currentThread());
            assertThat(done.isDone()).as(name + " completed before run() returned").isTrue();
            done.get(5, TimeUnit.SECONDS);
            assertThat(ranOn[0]).as(name).isSameAs(caller);
        }
        // and the result is right: the room is there with its peer
        assertThat(commands.run("room-info", new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()
                .put("room", "handoff")).get(5, TimeUnit.SECONDS).get("peers").get(0).get("peerId").asText())
                .isEqualTo(peer);
    }
}
