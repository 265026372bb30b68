package io.skyrtc.signaling.ws;

import static io.skyrtc.signaling.testing.WsClient.msg;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.skyrtc.signaling.SkyrtcServer;
import io.skyrtc.signaling.testing.RawWsClient;
import io.skyrtc.signaling.testing.ServerFixture;
import io.skyrtc.signaling.testing.TestServers;
import io.skyrtc.signaling.testing.WsClient;
import java.nio.ByteBuffer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the JS SDK does on leave: a {@code leave} message and at once a CLOSE 1000, often in one TCP
 * segment. The other peer must get {@code peer-left} "leave" at once, every time, not "timeout" after
 * the resume grace (the intermittent browser e2e failure {@code leaverIsRemoved} looked like that).
 */
class LeaveThenCloseTest {
    @RegisterExtension
    final ServerFixture fx = new ServerFixture();

    @Test
    void leaveAndCloseInOneWriteAlwaysTellTheOthers() throws Exception {
        SkyrtcServer server = fx.use(TestServers.dev(Map.of("rooms.resumeGraceMs", "60000")));
        for (int i = 0; i < 40; i++) {
            String room = "leave-close-" + i;
            WsClient a = fx.client(server);
            a.join(room, null);
            try (RawWsClient b = new RawWsClient(server.baseUri())) {
                b.write(RawWsClient.text("{\"type\":\"join\",\"room\":\"" + room + "\"}"));
                assertThat(b.read().text()).contains("\"welcome\"");
                assertThat(a.expect("peer-joined").get("peer").get("peerId").asText()).isNotEmpty();
                byte[] close = ByteBuffer.allocate(2).putShort((short) 1000).array();
                if (i % 2 == 0) {
                    b.write(RawWsClient.text("{\"type\":\"leave\"}"), RawWsClient.frame(RawWsClient.CLOSE, true, close));
                } else {
                    b.write(RawWsClient.text("{\"type\":\"leave\"}"));
                    b.write(RawWsClient.frame(RawWsClient.CLOSE, true, close));
                }
                long start = System.nanoTime();
                JsonNode left = a.expect("peer-left");   // within 5 s; the grace would take 60 s
                assertThat(left.get("reason").asText()).as("round %d", i).isEqualTo("leave");
                assertThat((System.nanoTime() - start) / 1_000_000).as("round %d: ms until peer-left", i).isLessThan(5000);
            }
            a.send(msg("leave"));
        }
    }
}
