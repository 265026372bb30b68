package io.skyrtc.signaling.skynet;

import io.skyrtc.signaling.testing.TestGate;

/** A WebSocket gate that answers (acks, commands) in binary frames: understood like text frames. */
class WebSocketBinaryAnswersGateLinkTest extends GateLinkTest {
    @Override
    TestGate newGate() throws Exception {
        return TestGate.startWebSocketBinaryAnswers();
    }

    @Override
    String wireConfig() {
        return ",\"transport\":\"websocket\",\"path\":\"/gate\"";
    }
}
