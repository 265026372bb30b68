package io.skyrtc.signaling.ws;

import static io.skyrtc.signaling.testing.WsClient.msg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.skyrtc.signaling.SkyrtcServer;
import io.skyrtc.signaling.testing.RawWsClient;
import io.skyrtc.signaling.testing.ServerFixture;
import io.skyrtc.signaling.testing.TestServers;
import io.skyrtc.signaling.testing.WsClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * WebSocket framing at the gate, written byte by byte: fragmented messages, binary and invalid
 * UTF-8 frames, and many frames in one TCP write (the path where replies are coalesced).
 */
class FramingTest {
    @RegisterExtension
    final ServerFixture fx = new ServerFixture();
    private SkyrtcServer server;
    private RawWsClient raw;
    private WsClient peer;
    private String peerId;

    @BeforeEach
    void start() throws Exception {
        server = fx.use(TestServers.dev(Map.of("limits.maxFrameBytes", "4096", "limits.maxSdpBytes", "1024",
                "limits.rateBurst", "1000",
                "limits.ratePerSecond", "1000")));
        raw = new RawWsClient(server.baseUri());
        raw.write(RawWsClient.text("{\"type\":\"join\",\"room\":\"framing\"}"));
        assertThat(raw.read().text()).startsWith("{\"type\":\"welcome\"");
        peer = fx.client(server);
        peerId = peer.join("framing", null).get("peerId").asText();
        assertThat(raw.read().text()).startsWith("{\"type\":\"peer-joined\"");
    }

    @AfterEach
    void stop() throws Exception {
        raw.close();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aFragmentedMessageIsJoined() throws Exception {
        raw.write(RawWsClient.frame(RawWsClient.TEXT, false, bytes("{\"type\":\"data\",")),
                RawWsClient.frame(RawWsClient.CONTINUATION, false, bytes("\"payload\":")),
                RawWsClient.frame(RawWsClient.CONTINUATION, true, bytes("\"fragmented é\"}")));
        assertThat(peer.expect("data").get("payload").asText()).isEqualTo("fragmented é");
    }

    @Test
    void fragmentsAddUpToTheFrameLimitAndNoFurther() throws Exception {
        String head = "{\"type\":\"data\",\"payload\":\"";
        String pad = "x".repeat(4096 - head.length() - 2);
        raw.write(RawWsClient.frame(RawWsClient.TEXT, false, bytes(head)),
                RawWsClient.frame(RawWsClient.CONTINUATION, true, bytes(pad + "\"}")));
        assertThat(peer.expect("data").get("payload").asText()).hasSize(pad.length());

        raw.write(RawWsClient.frame(RawWsClient.TEXT, false, bytes(head)),
                RawWsClient.frame(RawWsClient.CONTINUATION, true, bytes(pad + "x\"}")));
        assertThat(raw.awaitClose()).isEqualTo(1009);
        await().until(() -> server.metrics().oversizeCloses.count() == 1);
    }

    @Test
    void binaryFramesCloseWith1003() throws Exception {
        raw.write(RawWsClient.frame(RawWsClient.BINARY, true, new byte[] {1, 2, 3}));
        assertThat(raw.awaitClose()).isEqualTo(1003);
        peer.send(msg("ping", "id", "still-here"));
        peer.expect("pong");
    }

    @Test
    void invalidUtf8ClosesWith1007AndNothingIsRelayed() throws Exception {
        byte[] bad = bytes("{\"type\":\"data\",\"payload\":\"xx\"}");
        bad[bad.length - 4] = (byte) 0xC3; // a lead byte followed by an ASCII 'x'
        raw.write(RawWsClient.frame(RawWsClient.TEXT, true, bad));
        assertThat(raw.awaitClose()).isEqualTo(1007);
        peer.expectSilence(300);
    }

    @Test
    void aContinuationWithoutAMessageClosesWith1002() throws Exception {
        raw.write(RawWsClient.frame(RawWsClient.CONTINUATION, true, bytes("{}")));
        assertThat(raw.awaitClose()).isEqualTo(1002);
    }

    @Test
    void manyFramesInOneWriteArriveAllInOrder() throws Exception {
        int n = 300;
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            frames.add(RawWsClient.text("{\"type\":\"offer\",\"to\":\"" + peerId + "\",\"sdp\":\"v=0 " + i + "\"}"));
        }
        frames.add(RawWsClient.text("{\"type\":\"ping\",\"id\":\"after\"}"));
        raw.write(frames.toArray(new byte[0][]));
        for (int i = 0; i < n; i++) {
            assertThat(peer.expect("offer").get("sdp").asText()).isEqualTo("v=0 " + i);
        }
        // the sender's own reply, coalesced on the same read, is flushed too
        assertThat(raw.read().text()).contains("\"pong\"").contains("after");
    }
}
