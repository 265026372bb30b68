package io.skyrtc.signaling.room;

import com.fasterxml.jackson.databind.JsonNode;
import io.skyrtc.signaling.metrics.SignalingMetrics;

/**
 * Keeps {@link SignalingMetrics#peers} from the rooms' own join and leave events (here, next to the rooms:
 * metrics knows nothing of rooms, so the two packages form no cycle).
 */
public final class PeerCounter implements RoomObserver {
    private final SignalingMetrics metrics;

    public PeerCounter(SignalingMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void peerJoined(String room, String peerId, String identity, String name, JsonNode meta) {
        metrics.peers.incrementAndGet();
    }

    /** Restored peers leave like any other, so they are counted in too (or the gauge would go negative). */
    @Override
    public void peerRestored(String room, String peerId, String identity) {
        metrics.peers.incrementAndGet();
    }

    @Override
    public void peerLeft(String room, String peerId, String identity, LeaveReason reason) {
        metrics.peers.decrementAndGet();
    }
}
