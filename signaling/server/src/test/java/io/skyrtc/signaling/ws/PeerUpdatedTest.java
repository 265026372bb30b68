package io.skyrtc.signaling.ws;

import static io.skyrtc.signaling.testing.WsClient.msg;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.skyrtc.signaling.SkyrtcServer;
import io.skyrtc.signaling.auth.RoomTokens;
import io.skyrtc.signaling.protocol.ServerMessage;
import io.skyrtc.signaling.testing.ServerFixture;
import io.skyrtc.signaling.testing.TestServers;
import io.skyrtc.signaling.testing.WsClient;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code update} {meta} → {@code peer-updated} to the others: the same limits as {@code join.meta}
 * (edge and one past), the sender hears nothing back, a later joiner and a resumed peer see the new
 * meta, it counts as a room frame for resume, and the room token's meta keys cannot be changed.
 */
class PeerUpdatedTest {
    @RegisterExtension
    final ServerFixture fx = new ServerFixture();

    @Test
    void othersGetPeerUpdatedAndLaterJoinersSeeTheNewMeta() throws Exception {
        SkyrtcServer server = fx.use(TestServers.dev(Map.of("limits.maxMetaBytes", "32")));
        WsClient a = fx.client(server);
        WsClient b = fx.client(server);
        String aId = a.join("upd", null).get("peerId").asText();
        b.join("upd", null);
        a.expect("peer-joined");

        // {"audio":false,"x":"0123456789"} is 32 bytes: exactly the limit
        a.send(msg("update", "id", "u1", "meta", Map.of("audio", false, "x", "0123456789")));
        JsonNode updated = b.expect("peer-updated");
        assertThat(updated.get("peer").get("peerId").asText()).isEqualTo(aId);
        assertThat(updated.get("peer").get("name").asText()).isEqualTo("n-upd");
        assertThat(updated.get("peer").get("meta").get("audio").asBoolean()).isFalse();
        a.expectSilence(300);   // no echo to the sender

        WsClient c = fx.client(server);
        JsonNode seen = c.join("upd", null).get("peers").get(0);
        assertThat(seen.get("peerId").asText()).isEqualTo(aId);
        assertThat(seen.get("meta").get("x").asText()).isEqualTo("0123456789");
    }

    @Test
    void metaIsCheckedLikeJoinMeta() {
        SkyrtcServer server = fx.use(TestServers.dev(Map.of("limits.maxMetaBytes", "32")));
        WsClient a = fx.client(server);
        a.send(msg("update", "id", "early", "meta", Map.of()));
        assertThat(a.expectError("not-joined").get("ref").asText()).isEqualTo("early");
        a.join("upd-limits", null);
        // one byte over the limit
        a.send(msg("update", "id", "big", "meta", Map.of("audio", false, "x", "01234567890")));
        assertThat(a.expectError("too-large").get("message").asText()).isEqualTo("meta is larger than 32 bytes");
        a.send(msg("update", "id", "list", "meta", List.of(1)));
        assertThat(a.expectError("invalid-field").get("message").asText()).isEqualTo("meta: must be a JSON object");
        a.send("{\"type\":\"update\",\"id\":\"none\"}");
        assertThat(a.expectError("invalid-field").get("message").asText()).startsWith("meta: required");
        a.send("{\"type\":\"update\",\"meta\":null}");
        a.expectError("invalid-field");
    }

    @Test
    void aResumedPeerGetsTheUpdateItMissedAndSeesTheNewMetaInItsWelcome() throws Exception {
        SkyrtcServer server = fx.use(TestServers.dev(Map.of()));
        WsClient a = fx.client(server);
        WsClient b = fx.client(server);
        a.join("upd-resume", null);
        JsonNode bWelcome = b.join("upd-resume", null);
        a.expect("peer-joined");
        b.drop();
        a.send(msg("update", "meta", Map.of("video", false)));
        WsClient b2 = fx.client(server);
        JsonNode resumed = b2.resume("upd-resume", bWelcome.get("resumeToken").asText(), b);
        assertThat(resumed.get("peers").get(0).get("meta").get("video").asBoolean()).isFalse();
        assertThat(b2.expect("peer-updated").get("peer").get("meta").get("video").asBoolean()).isFalse();
    }

    @Test
    void theRoomTokensMetaKeysWinOverAnUpdate() throws Exception {
        SkyrtcServer server = fx.use(TestServers.start(Map.of()));
        RoomTokens tokens = new RoomTokens(TestServers.SECRET, Clock.systemUTC());
        JsonNode role = WsClient.JSON.readTree("{\"role\":\"host\"}");
        String host = tokens.issue("upd-token", "u1", "Host", 600, ServerMessage.Grants.ALL, role).token();
        String guest = tokens.issue("upd-token", "u2", "Guest", 600, ServerMessage.Grants.ALL).token();
        WsClient a = fx.client(server);
        WsClient b = fx.client(server);
        a.joinNamedByToken("upd-token", host);
        b.joinNamedByToken("upd-token", guest);
        a.expect("peer-joined");
        a.send(msg("update", "meta", Map.of("role", "admin", "audio", false)));
        JsonNode meta = b.expect("peer-updated").get("peer").get("meta");
        assertThat(meta.get("role").asText()).isEqualTo("host");
        assertThat(meta.get("audio").asBoolean()).isFalse();
        // a peer without token meta replaces its meta as it likes
        b.send(msg("update", "meta", Map.of("role", "admin")));
        assertThat(a.expect("peer-updated").get("peer").get("meta").get("role").asText()).isEqualTo("admin");
    }
}
