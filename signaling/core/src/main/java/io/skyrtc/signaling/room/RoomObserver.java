package io.skyrtc.signaling.room;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Hears what rooms do, on the room's own thread and in the order the room did it (joined before
 * left, always). Implementations must not block. The actor-core bridge is one.
 */
public interface RoomObserver {
    RoomObserver NONE = new RoomObserver() {};

    default void roomCreated(String room, String roomId) {}

    default void roomClosed(String room, String roomId, CloseReason reason) {}

    default void peerJoined(String room, String peerId, String identity, String name, JsonNode meta) {}

    default void peerLeft(String room, String peerId, String identity, LeaveReason reason) {}

    default void peerResumed(String room, String peerId, String identity) {}

    /**
     * Multi-node: a peer a dead or drained owner kept in Redis is back in the room on this node, detached,
     * waiting for its resume. Not a join (the actor core saw that join already); counters still need it.
     */
    default void peerRestored(String room, String peerId, String identity) {}

    /** A {@code data} message a peer addressed to {@code "server"}. */
    default void peerData(String room, String peerId, String identity, JsonNode payload) {}

    /** Tells {@code a}, then {@code b}. */
    static RoomObserver both(RoomObserver a, RoomObserver b) {
        if (a == NONE) {
            return b;
        }
        if (b == NONE) {
            return a;
        }
        return new RoomObserver() {
            @Override
            public void roomCreated(String room, String roomId) {
                a.roomCreated(room, roomId);
                b.roomCreated(room, roomId);
            }

            @Override
            public void roomClosed(String room, String roomId, CloseReason reason) {
                a.roomClosed(room, roomId, reason);
                b.roomClosed(room, roomId, reason);
            }

            @Override
            public void peerJoined(String room, String peerId, String identity, String name, JsonNode meta) {
                a.peerJoined(room, peerId, identity, name, meta);
                b.peerJoined(room, peerId, identity, name, meta);
            }

            @Override
            public void peerLeft(String room, String peerId, String identity, LeaveReason reason) {
                a.peerLeft(room, peerId, identity, reason);
                b.peerLeft(room, peerId, identity, reason);
            }

            @Override
            public void peerResumed(String room, String peerId, String identity) {
                a.peerResumed(room, peerId, identity);
                b.peerResumed(room, peerId, identity);
            }

            @Override
            public void peerRestored(String room, String peerId, String identity) {
                a.peerRestored(room, peerId, identity);
                b.peerRestored(room, peerId, identity);
            }

            @Override
            public void peerData(String room, String peerId, String identity, JsonNode payload) {
                a.peerData(room, peerId, identity, payload);
                b.peerData(room, peerId, identity, payload);
            }
        };
    }
}
