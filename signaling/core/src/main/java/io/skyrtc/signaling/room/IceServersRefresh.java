package io.skyrtc.signaling.room;

import io.skyrtc.signaling.protocol.ServerMessage;

/**
 * A room's pushes of fresh iceServers ({@code ice-servers}): each welcome starts a peer's clock, and
 * while the peer stays attached it gets new ones every {@link IceServerSource#refreshAfterMs}. Runs on
 * the room's actor, like the room; a detached peer is skipped (its resume welcome brings fresh ones).
 */
final class IceServersRefresh {
    private final Room room;
    private final RoomRegistry registry;

    IceServersRefresh(Room room, RoomRegistry registry) {
        this.room = room;
        this.registry = registry;
    }

    /** After a welcome: a refresh from an earlier one is void. */
    void welcomed(Peer peer) {
        schedule(peer, ++peer.iceGeneration);
    }

    /** The timer fired for {@code peer} (null: it left). */
    void due(Peer peer, long generation) {
        if (peer == null || peer.link == null || peer.iceGeneration != generation) {
            return;
        }
        peer.link.send(registry.encode(new ServerMessage.IceServers(
                registry.iceServers().forPeer(room.name(), peer.peerId, peer.identity))));
        schedule(peer, generation);
    }

    private void schedule(Peer peer, long generation) {
        long after = registry.iceServers().refreshAfterMs();
        if (after > 0) {
            registry.schedule(() -> room.post(new RoomCommand.RefreshIceServers(peer.peerId, generation)), after);
        }
    }
}
