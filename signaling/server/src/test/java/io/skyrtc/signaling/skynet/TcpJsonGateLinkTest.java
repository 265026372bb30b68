package io.skyrtc.signaling.skynet;

import io.skyrtc.signaling.testing.TestGate;

/** The gate link over skynet's standard TCP gate with {@code encoding: json}: one JSON envelope per packet. */
class TcpJsonGateLinkTest extends GateLinkTest {
    @Override
    TestGate newGate() throws Exception {
        return TestGate.start();
    }

    @Override
    String wireConfig() {
        return ",\"encoding\":\"json\"";
    }
}
