package io.skyrtc.signaling.skynet;

import io.skyrtc.signaling.testing.TestGate;

/** The gate link over a WebSocket gate (skynet-demo's ws_gate style): one envelope per text frame. */
class WebSocketGateLinkTest extends GateLinkTest {
    @Override
    TestGate newGate() throws Exception {
        return TestGate.startWebSocket();
    }

    @Override
    String wireConfig() {
        return ",\"transport\":\"websocket\",\"path\":\"/gate\"";
    }
}
