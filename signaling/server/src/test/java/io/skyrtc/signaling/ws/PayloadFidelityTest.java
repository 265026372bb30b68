package io.skyrtc.signaling.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.skyrtc.signaling.SkyrtcServer;
import io.skyrtc.signaling.testing.RawWsClient;
import io.skyrtc.signaling.testing.ServerFixture;
import io.skyrtc.signaling.testing.TestServers;
import io.skyrtc.signaling.testing.WsClient;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A data payload reaches the other peer as the very JSON text its sender wrote (issue 18 item 13). */
class PayloadFidelityTest {
    @RegisterExtension
    final ServerFixture fx = new ServerFixture();

    @Test
    void numbersAndSpacingArriveUnchanged() throws Exception {
        SkyrtcServer server = fx.use(TestServers.dev(Map.of()));
        WsClient a = fx.client(server);
        a.join("fidelity", null);
        try (RawWsClient b = new RawWsClient(server.baseUri())) {
            b.write(RawWsClient.text("{\"type\":\"join\",\"room\":\"fidelity\"}"));
            assertThat(b.read().text()).contains("\"welcome\"");
            a.expect("peer-joined");
            String payload = "{\"inf\":1e999999, \"h\":1E+2,\"z\":-0,\"pi\":3.14159265358979323846264338327950288,"
                    + "\"big\":123456789012345678901234567890}";
            a.send("{\"type\":\"data\",\"payload\":" + payload + "}");
            assertThat(b.read().text()).endsWith(",\"payload\":" + payload + "}");

            a.send("{\"type\":\"data\",\"id\":\"d\",\"payload\":[" + "7".repeat(1001) + "]}");
            var refused = a.expectError("invalid-field");
            assertThat(refused.get("message").asText()).startsWith("payload.0: a number of more than 1000 digits");
            assertThat(refused.get("ref").asText()).isEqualTo("d");
        }
    }
}
