package io.skyrtc.signaling.protocol;

import com.fasterxml.jackson.databind.JsonNode;

/** How a peer is presented to the others in its room. {@code name} and {@code meta} may be null. */
public record PeerInfo(String peerId, String name, JsonNode meta) {}
