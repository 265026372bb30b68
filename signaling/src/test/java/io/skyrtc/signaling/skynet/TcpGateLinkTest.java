package io.skyrtc.signaling.skynet;

import io.skyrtc.signaling.testing.TestGate;

/** The gate link over skynet's standard TCP gate: 2-byte big-endian length packets. */
class TcpGateLinkTest extends GateLinkTest {
    @Override
    TestGate newGate() throws Exception {
        return TestGate.start();
    }

    @Override
    String wireConfig() {
        return "";
    }
}
