package io.skyrtc.signaling.routing;

import io.skyrtc.signaling.room.CloseReason;
import io.skyrtc.signaling.room.RoomObserver;
import java.util.ArrayList;
import java.util.List;

/** Records what a node's observers hear of rooms opening and closing: "created id" / "closed id reason". */
final class RoomIncarnations implements RoomObserver {
    private final String room;
    private final List<String> seen = new ArrayList<>();

    RoomIncarnations(String room) {
        this.room = room;
    }

    @Override
    public synchronized void roomCreated(String name, String roomId) {
        if (name.equals(room)) {
            seen.add("created " + roomId);
        }
    }

    @Override
    public synchronized void roomClosed(String name, String roomId, CloseReason reason) {
        if (name.equals(room)) {
            seen.add("closed " + roomId + " " + reason.wire());
        }
    }

    synchronized List<String> seen() {
        return List.copyOf(seen);
    }
}
