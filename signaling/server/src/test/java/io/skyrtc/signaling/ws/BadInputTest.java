package io.skyrtc.signaling.ws;

import static io.skyrtc.signaling.testing.WsClient.msg;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.skyrtc.signaling.SkyrtcServer;
import io.skyrtc.signaling.testing.ServerFixture;
import io.skyrtc.signaling.testing.TestServers;
import io.skyrtc.signaling.testing.WsClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The bad-input catalogue: each gets its documented error code, and the same connection then
 * still works (proved by a ping/pong or a relay after each error).
 */
class BadInputTest {
    private SkyrtcServer server;
    @RegisterExtension
    final ServerFixture fx = new ServerFixture();

    @BeforeEach
    void start() {
        server = fx.use(TestServers.dev(Map.of()));
    }

    private WsClient client() {
        return fx.client(server);
    }

    private static void stillUsable(WsClient c) {
        c.send(msg("ping", "id", "alive"));
        assertThat(c.expect("pong").get("ref").asText()).isEqualTo("alive");
    }

    @Test
    void beforeJoin() {
        WsClient c = client();
        c.send("{not json");
        assertThat(c.expectError("bad-json").get("message").asText()).contains("malformed JSON");
        stillUsable(c);
        c.send("[1,2]");
        c.expectError("bad-json");
        c.send("{\"type\":\"teleport\",\"id\":\"t1\"}");
        assertThat(c.expectError("unknown-type").get("ref").asText()).isEqualTo("t1");
        c.send("{\"id\":\"x\",\"room\":\"r\"}");
        assertThat(c.expectError("invalid-field").get("message").asText()).contains("type");
        c.send(msg("offer", "id", "o1", "to", "p_x", "sdp", "v=0"));
        assertThat(c.expectError("not-joined").get("ref").asText()).isEqualTo("o1");
        c.send(msg("leave", "id", "l1"));
        c.expectError("not-joined");
        c.send(msg("join", "id", "j0"));
        assertThat(c.expectError("invalid-field").get("message").asText()).contains("room");
        c.send(msg("join", "room", "bad room!"));
        c.expectError("invalid-field");
        c.send(msg("join", "room", 42, "id", "j1"));
        c.expectError("invalid-field");
        c.send(msg("join", "room", "r", "resume", "no-such-token", "id", "j2"));
        assertThat(c.expectError("resume-invalid").get("ref").asText()).isEqualTo("j2");
        stillUsable(c);
        // after all that, a proper join still works on the same socket
        assertThat(c.join("r", null).get("peerId").asText()).startsWith("p_");
    }

    @Test
    void afterJoin() {
        WsClient a = client();
        String aid = a.join("bad", null).get("peerId").asText();
        WsClient b = client();
        String bid = b.join("bad", null).get("peerId").asText();
        a.expect("peer-joined");

        a.send(msg("join", "room", "other", "id", "again"));
        assertThat(a.expectError("already-joined").get("ref").asText()).isEqualTo("again");
        a.send(msg("offer", "to", "p_nobody", "sdp", "v=0", "id", "o"));
        assertThat(a.expectError("unknown-peer").get("ref").asText()).isEqualTo("o");
        a.send(msg("offer", "to", aid, "sdp", "v=0"));
        a.expectError("unknown-peer");
        a.send(msg("offer", "to", bid));
        assertThat(a.expectError("invalid-field").get("message").asText()).contains("sdp");
        a.send(msg("answer", "sdp", "v=0"));
        assertThat(a.expectError("invalid-field").get("message").asText()).contains("to");
        a.send("{\"type\":\"candidate\",\"to\":\"" + bid + "\"}");
        assertThat(a.expectError("invalid-field").get("message").asText()).contains("candidate");
        a.send("{\"type\":\"candidate\",\"to\":\"" + bid + "\",\"candidate\":\"x\"}");
        a.expectError("invalid-field");
        a.send(msg("data", "to", bid));
        assertThat(a.expectError("invalid-field").get("message").asText()).contains("payload");
        a.send(msg("data", "to", "", "payload", 1));
        a.expectError("invalid-field");

        // none of it reached b, and the session still relays
        a.send(msg("offer", "to", bid, "sdp", "v=0 real"));
        JsonNode offer = b.expect("offer");
        assertThat(offer.get("sdp").asText()).isEqualTo("v=0 real");
        stillUsable(b);
    }

    @Test
    void unknownFieldsAreIgnoredForForwardCompatibility() {
        WsClient c = client();
        c.send("{\"type\":\"ping\",\"id\":\"f\",\"future\":{\"x\":1}}");
        assertThat(c.expect("pong").get("ref").asText()).isEqualTo("f");
    }
}
