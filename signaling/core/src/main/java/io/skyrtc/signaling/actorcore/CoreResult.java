package io.skyrtc.signaling.actorcore;

import com.fasterxml.jackson.annotation.JsonValue;
import io.skyrtc.signaling.room.RoomSnapshot;
import java.util.List;

/** A command's answer; each record serializes (Jackson) to the result object docs/ACTOR-CORE.md shows. */
public sealed interface CoreResult {

    /** {@code {"kicked": peer}} */
    record Kicked(String kicked) implements CoreResult {}

    /** {@code {"removedPeers": n}} */
    record Closed(int removedPeers) implements CoreResult {}

    /** {@code {"delivered": n}} */
    record Delivered(int delivered) implements CoreResult {}

    /** {@code {"rooms": [names]}} */
    record Rooms(List<String> rooms) implements CoreResult {}

    /** The snapshot itself: {@code {"room", "roomId", "peers": [...]}}. */
    record Info(@JsonValue RoomSnapshot snapshot) implements CoreResult {}
}
