package io.skyrtc.signaling.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.skyrtc.signaling.SkyrtcServer;
import io.skyrtc.signaling.testing.RawWsClient;
import io.skyrtc.signaling.testing.ServerFixture;
import io.skyrtc.signaling.testing.TestServers;
import io.skyrtc.signaling.testing.WsClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The JS SDK's leave: a {@code leave} message and the close frame right behind it, often in one TCP
 * segment. The leave must be acted on (peer-left "leave" at once), never lost to the close (which would
 * keep the peer in the room for the whole resume grace).
 */
class LeaveThenCloseTest {
    @RegisterExtension
    final ServerFixture fx = new ServerFixture();

    @Test
    void leaveWrittenTogetherWithTheCloseIsNeverLost() throws Exception {
        // a lost leave would show as no peer-left at all within WsClient's 5 s: the grace is a minute
        SkyrtcServer server = fx.use(TestServers.dev(Map.of("rooms.resumeGraceMs", "60000")));
        try (WsClient stayer = WsClient.connect(server.baseUri())) {
            stayer.join("leave-close", null);
            for (int i = 0; i < 40; i++) {
                try (RawWsClient leaver = new RawWsClient(server.baseUri())) {
                    leaver.write(RawWsClient.text("{\"type\":\"join\",\"room\":\"leave-close\"}"));
                    assertThat(leaver.read().text()).contains("\"welcome\"");
                    JsonNode joined = stayer.expect("peer-joined");
                    byte[] close = RawWsClient.frame(RawWsClient.CLOSE, true, new byte[] {0x03, (byte) 0xE8});
                    leaver.write(RawWsClient.text("{\"type\":\"leave\"}"), close);
                    JsonNode left = stayer.expect("peer-left");
                    assertThat(left.path("peerId").asText()).isEqualTo(joined.path("peer").path("peerId").asText());
                    assertThat(left.path("reason").asText()).as("round %d", i).isEqualTo("leave");
                }
            }
        }
    }
}
