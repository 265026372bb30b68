package io.skyrtc.signaling.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import io.skyrtc.signaling.room.CloseReason;
import io.skyrtc.signaling.room.LeaveReason;
import java.time.Instant;

/**
 * One room event for the actor core (docs/ACTOR-CORE.md): one record per kind, each with the fields of
 * its kind. Every kind has {@code id} (snowflake, unique across nodes, growing), {@code time},
 * {@code node} and {@code room}, first and in that order; the JSON fields follow the components' order,
 * an absent (null) field is left out. {@code type} is the envelope's name, not a data field; {@code seq}
 * is not here: each link numbers the events it carries. Consumers dispatch through {@link Visitor}, so a
 * new kind does not compile until each handles it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface RoomEvent {

    @JsonIgnore
    Type type();

    long id();

    Instant time();

    String node();

    String room();

    <R> R accept(Visitor<R> visitor);

    interface Visitor<R> {
        R roomCreated(RoomCreated e);

        R roomClosed(RoomClosed e);

        R peerJoined(PeerJoined e);

        R peerLeft(PeerLeft e);

        R peerResumed(PeerResumed e);

        R peerData(PeerData e);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RoomCreated(long id, Instant time, String node, String room, String roomId) implements RoomEvent {
        @Override
        public Type type() {
            return Type.ROOM_CREATED;
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.roomCreated(this);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RoomClosed(long id, Instant time, String node, String room, String roomId, CloseReason reason)
            implements RoomEvent {
        @Override
        public Type type() {
            return Type.ROOM_CLOSED;
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.roomClosed(this);
        }
    }

    /** {@code name}: the peer's display name; {@code meta}: what it joined with (null: none). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PeerJoined(long id, Instant time, String node, String room, String peer, String identity, String name,
                      JsonNode meta) implements RoomEvent {
        @Override
        public Type type() {
            return Type.PEER_JOINED;
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.peerJoined(this);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PeerLeft(long id, Instant time, String node, String room, String peer, String identity, LeaveReason reason)
            implements RoomEvent {
        @Override
        public Type type() {
            return Type.PEER_LEFT;
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.peerLeft(this);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PeerResumed(long id, Instant time, String node, String room, String peer, String identity)
            implements RoomEvent {
        @Override
        public Type type() {
            return Type.PEER_RESUMED;
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.peerResumed(this);
        }
    }

    /** {@code payload}: what the peer sent to "server". */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PeerData(long id, Instant time, String node, String room, String peer, String identity, JsonNode payload)
            implements RoomEvent {
        @Override
        public Type type() {
            return Type.PEER_DATA;
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.peerData(this);
        }
    }

    /** The kinds' wire names (the envelope's {@code name}, the Lua table's {@code type}). */
    enum Type {
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
