package io.skyrtc.signaling.room;

import com.fasterxml.jackson.annotation.JsonValue;

/** Why a peer left its room: {@code peer-left.reason} to the others, {@code peer.left.reason} to the actor core. */
public enum LeaveReason {
    /** It sent {@code leave}. */
    LEAVE("leave"),
    /** Its socket dropped and it did not resume within the grace period (or could never resume). */
    TIMEOUT("timeout"),
    /** The actor core or an operator removed it. */
    KICKED("kicked"),
    /** The server shut down. */
    SHUTDOWN("shutdown"),
    /** Multi-node: the room moved to another node, where the peer resumes. */
    MOVED("moved"),
    /** The room failed (a bug) and was torn down. */
    ERROR("error");

    private final String wire;

    LeaveReason(String wire) {
        this.wire = wire;
    }

    /** As docs/PROTOCOL.md and docs/ACTOR-CORE.md spell it. */
    @JsonValue
    public String wire() {
        return wire;
    }
}
