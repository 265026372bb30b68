package io.skyrtc.signaling.bench;

import io.skyrtc.signaling.room.PeerLink;
import io.skyrtc.signaling.room.Room;

/** A connection that is never written to: the actor-core benchmarks measure the path to the core. */
final class SilentPeer implements PeerLink {
    volatile Room room;

    @Override
    public void send(byte[] frame) {}

    @Override
    public void close(int code, String reason) {}

    @Override
    public void attached(Room room, String peerId) {
        this.room = room;
    }

    @Override
    public void joinRejected(Room room) {}
}
