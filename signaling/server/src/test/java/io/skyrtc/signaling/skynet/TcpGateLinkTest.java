package io.skyrtc.signaling.skynet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.skyrtc.signaling.SkyrtcServer;
import io.skyrtc.signaling.skynet.cluster.SkynetPack;
import io.skyrtc.signaling.testing.TestGate;
import io.skyrtc.signaling.testing.WsClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The gate link over skynet's standard TCP gate: 2-byte big-endian length packets, the default skynet encoding. */
class TcpGateLinkTest extends GateLinkTest {
    @Override
    TestGate newGate() throws Exception {
        return TestGate.start();
    }

    @Override
    String wireConfig() {
        return "";
    }

    /** The events of each skynet.pack("events", ev...) packet received, in order. */
    List<Integer> eventsPerPacket() {
        synchronized (gate.packets) {
            return gate.packets.stream().map(SkynetPack::unpack).filter(v -> v.get(0).equals("events"))
                    .map(v -> v.size() - 1).toList();
        }
    }

    @Test
    void eventsThatAreReadyTogetherTravelInOnePacketUpToBatchMaxEvents() throws Exception {
        SkyrtcServer s = server(",\"batchMaxEvents\":7");
        await().until(() -> s.gates().get(0).state().up());
        gate.stop();
        for (int i = 0; i < 10; i++) {
            fx.client(s).join("b" + i, null);  // 20 events wait in the outbox
        }
        await().until(() -> s.gates().get(0).state().lastSeq() == 20);
        gate.listen();
        await().atMost(Duration.ofSeconds(10)).until(() -> gate.events.size() >= 20);
        assertThat(eventsPerPacket()).containsExactly(7, 7, 6);
        assertThat(eventsSnapshot()).extracting(e -> e.get("data").get("seq").asLong())
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 20).boxed().toList());
    }

    /** skynet's gate cannot frame more than 65535 bytes: a batch closes before it would exceed maxPayloadBytes. */
    @Test
    void aBatchNeverExceedsTheGatePacketLimit() throws Exception {
        SkyrtcServer s = server("");
        await().until(() -> s.gates().get(0).state().up());
        WsClient c = fx.client(s);
        c.join("big", null);
        await().until(() -> gate.events.size() >= 2);
        gate.stop();
        for (int i = 0; i < 20; i++) {
            c.send(WsClient.msg("data", "to", "server", "payload", Map.of("f", "x".repeat(10_000), "n", i)));
        }
        await().until(() -> s.gates().get(0).state().lastSeq() == 22);
        gate.packets.clear();
        gate.listen();
        await().atMost(Duration.ofSeconds(10)).until(() -> gate.events.size() >= 22);
        assertThat(gate.packets).allSatisfy(p -> assertThat(p.length).isLessThanOrEqualTo(65_535));
        List<Integer> perPacket = eventsPerPacket();
        assertThat(perPacket.stream().mapToInt(Integer::intValue).sum()).isEqualTo(20);
        assertThat(perPacket).allSatisfy(n -> assertThat(n).isBetween(1, 6)).anySatisfy(n -> assertThat(n).isGreaterThan(1));
    }
}
