package io.skyrtc.signaling.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import io.skyrtc.signaling.room.RoomObserver;

/** Keeps {@link SignalingMetrics#peers} from the rooms' own join and leave events. */
public final class PeerCounter implements RoomObserver {
    private final SignalingMetrics metrics;

    public PeerCounter(SignalingMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void peerJoined(String room, String peerId, String identity, String name, JsonNode meta) {
        metrics.peers.incrementAndGet();
    }

    @Override
    public void peerLeft(String room, String peerId, String identity, String reason) {
        metrics.peers.decrementAndGet();
    }
}
