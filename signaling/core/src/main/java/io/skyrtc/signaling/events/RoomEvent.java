package io.skyrtc.signaling.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One room event for the actor core (docs/ACTOR-CORE.md). Fields a type does not use are absent on
 * the wire. {@code type} is the envelope's name, not a data field; {@code seq} is not here: each
 * link numbers the events it carries.
 *
 * @param id       snowflake id, unique across nodes, growing
 * @param reason   peer.left: leave / timeout / kicked / shutdown; room.closed: empty / closed / shutdown
 * @param payload  peer.data: what the peer sent to "server"
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RoomEvent(@JsonIgnore Type type, long id, Instant time, String node, String room, String roomId, String peer,
                        String identity, String name, JsonNode meta, String reason, JsonNode payload) {

    public enum Type {
        ROOM_CREATED("room.created"),
        ROOM_CLOSED("room.closed"),
        PEER_JOINED("peer.joined"),
        PEER_LEFT("peer.left"),
        PEER_RESUMED("peer.resumed"),
        PEER_DATA("peer.data");

        private final String wire;

        Type(String wire) {
            this.wire = wire;
        }

        @JsonValue
        public String wire() {
            return wire;
        }
    }
}
