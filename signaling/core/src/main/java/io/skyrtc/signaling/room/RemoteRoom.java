package io.skyrtc.signaling.room;

import io.skyrtc.signaling.protocol.ClientMessage;

/**
 * What a connection's frames go to when its room's actor runs on another node (multi-node mode,
 * docs/SCALING.md). The connection holds a stand-in {@link Room} made by {@link RoomRegistry#remoteStub};
 * the registry hands its frames here instead of to a local mailbox. Called on the connection's thread,
 * one frame at a time, in the order the client sent them.
 */
public interface RemoteRoom {
    void fromPeer(PeerLink link, ClientMessage message);

    void disconnected(PeerLink link);
}
