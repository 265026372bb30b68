package io.skyrtc.signaling.skynet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.skyrtc.signaling.config.ConfigLoader;
import io.skyrtc.signaling.config.SkyrtcConfig;
import io.skyrtc.signaling.events.RoomEvent;
import io.skyrtc.signaling.http.ApiHandler;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** maxPayloadBytes at its edge, and its per-transport defaults and maxima. */
class GatePayloadLimitTest {
    static final ObjectMapper JSON = ApiHandler.strictMapper();
    static final RoomEvent DATA = new RoomEvent.PeerData(42L, Instant.parse("2026-11-21T10:00:00Z"),
            "rtc", "room", "peer", "alice", JSON.getNodeFactory().textNode("x".repeat(1000)));

    static GateLink link(int maxPayloadBytes, String encoding) {
        var gate = new SkyrtcConfig.Gate("g", "tcp", "127.0.0.1", 1, null, null, maxPayloadBytes, null, null, null, null,
                encoding, null, null);
        return new GateLink(io.skyrtc.signaling.config.FeatureSettings.gate(gate), "rtc", JSON, null, new SimpleMeterRegistry());
    }

    @Test
    void anEnvelopeOfExactlyTheLimitGoesOneByteMoreIsRefused() {
        int size = new GateLink.Envelope(JSON, DATA).withSeq(1).length;
        assertLimitAt(size, "json");
    }

    /** skynet encoding: the event plus the packet's "events" header must fit one gate packet. */
    @Test
    void aPackedEventPlusItsPacketHeaderOfExactlyTheLimitGoesOneByteMoreIsRefused() {
        var skynet = new GateEncoding.Skynet(JSON);
        int size = skynet.prepare(DATA).withSeq(1).length + skynet.packetOverhead();
        assertLimitAt(size, "skynet");
    }

    private static void assertLimitAt(int size, String encoding) {
        GateLink exact = link(size, encoding);
        exact.offer(DATA);
        assertThat(exact.state().refusedTooLarge()).isZero();
        assertThat(exact.state().outboxDepth()).isEqualTo(1);

        GateLink under = link(size - 1, encoding);
        under.offer(DATA);
        assertThat(under.state().refusedTooLarge()).isEqualTo(1);
        assertThat(under.state().outboxDepth()).isZero();
        assertThat(under.state().lastSeq()).isZero();
    }

    static SkyrtcConfig.Gate configured(String gateJson) {
        return ConfigLoader.load(null, Map.of("SKYRTC_SERVER_DEV", "true", "SKYRTC_ACTOR_CORE_GATES", "[" + gateJson + "]"))
                .actorCore().gates().get(0);
    }

    @Test
    void defaultsAndMaximaFollowTheTransport() {
        assertThat(configured("{\"host\":\"h\",\"port\":1}").maxPayloadBytes()).isEqualTo(65_535);
        assertThat(configured("{\"host\":\"h\",\"port\":1,\"transport\":\"websocket\"}").maxPayloadBytes())
                .isEqualTo(262_144);
        assertThat(configured("{\"host\":\"h\",\"port\":1,\"maxPayloadBytes\":65535}").maxPayloadBytes())
                .isEqualTo(65_535);
        assertThatThrownBy(() -> configured("{\"host\":\"h\",\"port\":1,\"maxPayloadBytes\":65536}"))
                .hasMessageContaining("actorCore.gates[0].maxPayloadBytes");
        assertThat(configured("{\"host\":\"h\",\"port\":1,\"transport\":\"websocket\",\"maxPayloadBytes\":262144}")
                .maxPayloadBytes()).isEqualTo(262_144);
        assertThatThrownBy(() -> configured("{\"host\":\"h\",\"port\":1,\"transport\":\"websocket\",\"maxPayloadBytes\":262145}"))
                .hasMessageContaining("maxPayloadBytes");
        assertThatThrownBy(() -> configured("{\"host\":\"h\",\"port\":1,\"transport\":\"udp\"}"))
                .hasMessageContaining("actorCore.gates[0].transport: tcp or websocket");
        assertThatThrownBy(() -> configured("{\"host\":\"h\",\"port\":1,\"transport\":\"websocket\",\"path\":\"gate\"}"))
                .hasMessageContaining("path must start with /");
    }

    @Test
    void encodingDefaultsToSkynetForTcpAndJsonForWebSocketBatchMaxEventsAtItsEdges() {
        assertThat(configured("{\"host\":\"h\",\"port\":1}").encoding()).isEqualTo("skynet");
        assertThat(configured("{\"host\":\"h\",\"port\":1,\"transport\":\"websocket\"}").encoding()).isEqualTo("json");
        assertThat(configured("{\"host\":\"h\",\"port\":1,\"encoding\":\"json\"}").encoding()).isEqualTo("json");
        assertThatThrownBy(() -> configured("{\"host\":\"h\",\"port\":1,\"encoding\":\"msgpack\"}"))
                .hasMessageContaining("actorCore.gates[0].encoding: json or skynet");
        assertThat(configured("{\"host\":\"h\",\"port\":1}").batchMaxEvents()).isEqualTo(256);
        assertThat(configured("{\"host\":\"h\",\"port\":1,\"batchMaxEvents\":1}").batchMaxEvents()).isEqualTo(1);
        assertThat(configured("{\"host\":\"h\",\"port\":1,\"batchMaxEvents\":4096}").batchMaxEvents()).isEqualTo(4096);
        assertThatThrownBy(() -> configured("{\"host\":\"h\",\"port\":1,\"batchMaxEvents\":0}"))
                .hasMessageContaining("actorCore.gates[0].batchMaxEvents");
        assertThatThrownBy(() -> configured("{\"host\":\"h\",\"port\":1,\"batchMaxEvents\":4097}"))
                .hasMessageContaining("actorCore.gates[0].batchMaxEvents");
        assertThat(configured("{\"host\":\"h\",\"port\":1}").drainTimeoutMs()).isEqualTo(5000);
        assertThat(configured("{\"host\":\"h\",\"port\":1,\"drainTimeoutMs\":0}").drainTimeoutMs()).isZero();
        assertThat(configured("{\"host\":\"h\",\"port\":1,\"drainTimeoutMs\":600000}").drainTimeoutMs()).isEqualTo(600_000);
        assertThatThrownBy(() -> configured("{\"host\":\"h\",\"port\":1,\"drainTimeoutMs\":-1}"))
                .hasMessageContaining("actorCore.gates[0].drainTimeoutMs");
        assertThatThrownBy(() -> configured("{\"host\":\"h\",\"port\":1,\"drainTimeoutMs\":600001}"))
                .hasMessageContaining("actorCore.gates[0].drainTimeoutMs");
    }
}
