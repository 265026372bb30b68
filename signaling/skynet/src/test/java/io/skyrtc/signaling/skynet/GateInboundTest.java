package io.skyrtc.signaling.skynet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.skyrtc.signaling.skynet.cluster.SkynetPack;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the gate sends, parsed once: acks and commands in either encoding; everything else is no command. */
class GateInboundTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static GateInbound parse(String json) {
        return GateInbound.parse(json.getBytes(StandardCharsets.UTF_8), JSON);
    }

    @Test
    void acksInBothEncodingsTheBytesDocsShow() {
        assertThat(parse("{\"name\":\"ack\",\"data\":{\"seq\":7}}")).isEqualTo(new GateInbound.Ack(7));
        byte[] packed = HexFormat.of().parseHex("1c61636b061c7365710a0700");  // docs/ACTOR-CORE.md
        assertThat(SkynetPack.pack("ack", Map.of("seq", 7L))).isEqualTo(packed);
        assertThat(GateInbound.parse(packed, JSON)).isEqualTo(new GateInbound.Ack(7));
    }

    @Test
    void commandsInBothEncodingsCarryTheirId() {
        GateInbound json = parse("{\"name\":\"kick\",\"data\":{\"id\":3,\"room\":\"r\",\"peer\":\"p\"}}");
        GateInbound packed = GateInbound.parse(SkynetPack.pack("kick", Map.of("id", 3L, "room", "r", "peer", "p")), JSON);
        for (GateInbound c : new GateInbound[] {json, packed}) {
            assertThat(c).isInstanceOf(GateInbound.Command.class);
            GateInbound.Command cmd = (GateInbound.Command) c;
            assertThat(cmd.name()).isEqualTo("kick");
            assertThat(cmd.id().asLong()).isEqualTo(3);
            assertThat(cmd.data().get("room").asText()).isEqualTo("r");
        }
        assertThat(parse("{\"name\":\"explode\",\"data\":{\"id\":1}}")).isInstanceOf(GateInbound.Command.class);
    }

    /** Answering these would loop with a gate that answers (or echoes) every packet. */
    @Test
    void whatIsNotACommandIsNeverAnswered() {
        for (String p : new String[] {"ack:12", "", "[]", "{\"data\":{\"id\":1}}", "{\"name\":\"kick\",\"data\":{}}",
                "{\"name\":\"kick\",\"data\":{\"id\":null}}", "{\"name\":\"kick\"}",
                "{\"name\":\"result\",\"data\":{\"id\":1,\"ok\":false}}", "{\"name\":\"hello\",\"data\":{\"id\":1}}",
                "{\"name\":\"peer.joined\",\"data\":{\"id\":8421312335085015041,\"seq\":3}}",
                "{\"name\":\"ack\",\"data\":{}}"}) {
            assertThat(parse(p)).as(p).isInstanceOf(GateInbound.NotACommand.class);
        }
        assertThat(GateInbound.parse(SkynetPack.pack("events", Map.of("type", "peer.data", "seq", 1L, "id", 9L)), JSON))
                .isInstanceOf(GateInbound.NotACommand.class);
        assertThat(GateInbound.parse(new byte[] {(byte) 0xff, 1, 2}, JSON)).isInstanceOf(GateInbound.NotACommand.class);
    }
}
