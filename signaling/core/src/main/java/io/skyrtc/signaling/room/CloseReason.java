package io.skyrtc.signaling.room;

import com.fasterxml.jackson.annotation.JsonValue;

/** Why a room closed: {@code room.closed.reason} to the actor core. */
public enum CloseReason {
    /** Nobody joined for {@code rooms.emptyRoomTtlMs}. */
    EMPTY("empty"),
    /** The actor core or an operator closed it. */
    CLOSED("closed"),
    /** The server shut down. */
    SHUTDOWN("shutdown"),
    /** Multi-node: another node owns it now. */
    MOVED("moved"),
    /** It failed (a bug) and was torn down. */
    ERROR("error");

    private final String wire;

    CloseReason(String wire) {
        this.wire = wire;
    }

    /** As docs/ACTOR-CORE.md spells it. */
    @JsonValue
    public String wire() {
        return wire;
    }
}
