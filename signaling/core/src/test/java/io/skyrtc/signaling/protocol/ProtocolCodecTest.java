package io.skyrtc.signaling.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Protocol tests without sockets: every message type through JSON and back. */
class ProtocolCodecTest {
    private final ProtocolCodec codec = new ProtocolCodec(ProtocolLimits.DEFAULTS);
    private final ObjectMapper json = new ObjectMapper();

    static Stream<ClientMessage> clientMessages() throws Exception {
        ObjectMapper m = new ObjectMapper();
        return Stream.of(
                new ClientMessage.Join("1", "room-1", "Alice", "tok", null, m.readTree("{\"level\":3}"), null),
                new ClientMessage.Join(null, "r", null, null, "resume-token", null, 7L),
                new ClientMessage.Offer("2", "p_b", Sdp.of("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n")),
                new ClientMessage.Answer(null, "p_a", Sdp.of("v=0")),
                new ClientMessage.Candidate("3", "p_b",
                        m.readTree("{\"candidate\":\"candidate:1 1 udp 1 1.2.3.4 5 typ host\",\"sdpMid\":\"0\"}")),
                new ClientMessage.Candidate("4", "p_b", NullNode.getInstance()),
                new ClientMessage.Data("5", null, m.readTree("{\"chat\":\"héllo ✓\"}")),
                new ClientMessage.Data(null, "p_c", m.readTree("[1,2,3]")),
                new ClientMessage.Update("u", m.readTree("{\"audio\":false,\"video\":true}")),
                new ClientMessage.Leave("6"),
                new ClientMessage.Ping(null));
    }

    @ParameterizedTest
    @MethodSource("clientMessages")
    void everyClientMessageRoundTrips(ClientMessage message) throws Exception {
        String text = codec.mapper().writerFor(ClientMessage.class).writeValueAsString(message);
        assertThat(json.readTree(text).get("type").asText()).isNotEmpty();
        assertThat(codec.decode(text)).isEqualTo(message);
    }

    static Stream<ServerMessage> serverMessages() throws Exception {
        ObjectMapper m = new ObjectMapper();
        return Stream.of(
                new ServerMessage.Welcome("p_a", "r", List.of(new PeerInfo("p_b", "Bob", null)),
                        List.of(new ServerMessage.IceServer(List.of("stun:127.0.0.1:3478"), null, null)),
                        "rt", 20000, false, ServerMessage.Grants.ALL,
                        new ServerMessage.LimitsInfo(65536, 32768, 50, 200, 16, 60000, 20000)),
                new ServerMessage.PeerJoined(new PeerInfo("p_b", null, m.readTree("{\"k\":1}"))),
                new ServerMessage.PeerLeft("p_b", "timeout"),
                new ServerMessage.PeerUpdated(new PeerInfo("p_b", "Bob", m.readTree("{\"audio\":false}"))),
                new ServerMessage.IceServers(List.of(new ServerMessage.IceServer(List.of("turn:127.0.0.1:3478"),
                        "1700000000:p_b", "c2VjcmV0"))),
                new ServerMessage.Offer("p_a", Sdp.of("v=0")),
                new ServerMessage.Answer("p_a", Sdp.of("v=0")),
                new ServerMessage.Candidate("p_a", m.readTree("{\"candidate\":\"c\"}")),
                new ServerMessage.Candidate("p_a", NullNode.getInstance()),
                new ServerMessage.Data("server", m.readTree("\"hi\"")),
                new ServerMessage.Pong("x"),
                new ServerMessage.Error(ErrorCode.ROOM_FULL, "full", "j1"));
    }

    @ParameterizedTest
    @MethodSource("serverMessages")
    void everyServerMessageRoundTrips(ServerMessage message) throws Exception {
        byte[] text = codec.encode(message);
        assertThat(json.readValue(text, ServerMessage.class)).isEqualTo(message);
    }

    @Test
    void wireShapesAreTheDocumentedOnes() throws Exception {
        JsonNode offer = json.readTree(codec.encode(new ServerMessage.Offer("p_a", Sdp.of("v=0"))));
        assertThat(offer.toString()).isEqualTo("{\"type\":\"offer\",\"from\":\"p_a\",\"sdp\":\"v=0\"}");
        JsonNode end = json.readTree(codec.encode(new ServerMessage.Candidate("p_a", NullNode.getInstance())));
        assertThat(end.toString()).isEqualTo("{\"type\":\"candidate\",\"from\":\"p_a\",\"candidate\":null}");
        JsonNode err = json.readTree(codec.encode(new ServerMessage.Error(ErrorCode.NOT_JOINED, "m", null)));
        assertThat(err.get("code").asText()).isEqualTo("not-joined");
    }

    @Test
    void errorCodesAreStableKebabCase() {
        for (ErrorCode c : ErrorCode.values()) {
            assertThat(c.wire()).matches("[a-z]+(-[a-z]+)*").isEqualTo(c.name().toLowerCase().replace('_', '-'));
        }
    }

    @Test
    void depthLimit() {
        String deep = "{\"type\":\"data\",\"payload\":" + "[".repeat(20) + "]".repeat(20) + "}";
        assertThatThrownBy(() -> codec.decode(deep)).isInstanceOf(ProtocolException.class)
                .extracting(e -> ((ProtocolException) e).code()).isEqualTo(ErrorCode.BAD_JSON);
        String ok = "{\"type\":\"data\",\"payload\":" + "[".repeat(14) + "]".repeat(14) + "}";
        assertThat(assertDecodes(ok)).isInstanceOf(ClientMessage.Data.class);
    }

    @Test
    void idLengthEdge() {
        assertThat(assertDecodes("{\"type\":\"ping\",\"id\":\"" + "i".repeat(64) + "\"}")).isNotNull();
        assertThatThrownBy(() -> codec.decode("{\"type\":\"ping\",\"id\":\"" + "i".repeat(65) + "\"}"))
                .extracting(e -> ((ProtocolException) e).code()).isEqualTo(ErrorCode.INVALID_FIELD);
    }

    @Test
    void trailingGarbageAndNonStringsAreRejected() {
        assertThatThrownBy(() -> codec.decode("{\"type\":\"ping\"} {}"))
                .extracting(e -> ((ProtocolException) e).code()).isEqualTo(ErrorCode.BAD_JSON);
        assertThatThrownBy(() -> codec.decode("{\"type\":\"offer\",\"to\":5,\"sdp\":\"v\"}"))
                .extracting(e -> ((ProtocolException) e).code()).isEqualTo(ErrorCode.INVALID_FIELD);
        assertThatThrownBy(() -> codec.decode("\"ping\""))
                .extracting(e -> ((ProtocolException) e).code()).isEqualTo(ErrorCode.BAD_JSON);
    }

    private ClientMessage assertDecodes(String text) {
        try {
            return codec.decode(text);
        } catch (ProtocolException e) {
            throw new AssertionError(e.code() + ": " + e.getMessage());
        }
    }
}
