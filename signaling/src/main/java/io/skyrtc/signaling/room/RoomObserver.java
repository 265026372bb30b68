package io.skyrtc.signaling.room;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Hears what rooms do, on the room's own thread and in the order the room did it (joined before
 * left, always). Implementations must not block. The actor-core bridge is one.
 */
public interface RoomObserver {
    RoomObserver NONE = new RoomObserver() {};

    default void roomCreated(String room, String roomId) {}

    default void roomClosed(String room, String roomId, String reason) {}

    default void peerJoined(String room, String peerId, String identity, String name, JsonNode meta) {}

    default void peerLeft(String room, String peerId, String identity, String reason) {}

    default void peerResumed(String room, String peerId, String identity) {}
}
