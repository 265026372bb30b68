package io.skyrtc.signaling.room;

import java.util.List;

/** A consistent picture of one room, taken on the room's own thread. */
public record RoomSnapshot(String room, String roomId, List<Member> peers) {
    public record Member(String peerId, String name, String identity, boolean attached) {}
}
