package io.skyrtc.signaling.actorcore;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What the actor core (or an operator) tells the rooms (docs/ACTOR-CORE.md "Commands"): one record per
 * command, parsed once at each adapter's edge ({@link CoreCommandJson}), run by {@link CoreCommands}.
 * Dispatch is exhaustive: a new command does not compile until every {@link Visitor} handles it.
 */
public sealed interface CoreCommand {

    Name name();

    <R> R accept(Visitor<R> visitor);

    interface Visitor<R> {
        R kick(Kick c);

        R closeRoom(CloseRoom c);

        R send(Send c);

        R listRooms(ListRooms c);

        R roomInfo(RoomInfo c);
    }

    /** What the peer and its socket are told when the core gives no reason. */
    String DEFAULT_REASON = "by the game server";

    /** Remove a peer: it is told {@code reason}, its socket closed, the others see it leave (kicked). */
    record Kick(String room, String peer, String reason) implements CoreCommand {
        @Override
        public Name name() {
            return Name.KICK;
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.kick(this);
        }
    }

    /** Kick every peer with {@code reason}, then close the room. */
    record CloseRoom(String room, String reason) implements CoreCommand {
        @Override
        public Name name() {
            return Name.CLOSE_ROOM;
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.closeRoom(this);
        }
    }

    /** {@code data} from "server" to peer {@code to}, or to every peer when {@code to} is null. */
    record Send(String room, String to, JsonNode payload) implements CoreCommand {
        @Override
        public Name name() {
            return Name.SEND;
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.send(this);
        }
    }

    record ListRooms() implements CoreCommand {
        @Override
        public Name name() {
            return Name.LIST_ROOMS;
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.listRooms(this);
        }
    }

    record RoomInfo(String room) implements CoreCommand {
        @Override
        public Name name() {
            return Name.ROOM_INFO;
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.roomInfo(this);
        }
    }

    /** The commands' wire names and their fields besides {@code id}, in the order positional callers pass them. */
    enum Name {
        KICK("kick", "room", "peer", "reason"),
        CLOSE_ROOM("close-room", "room", "reason"),
        SEND("send", "room", "to", "payload"),
        LIST_ROOMS("list-rooms"),
        ROOM_INFO("room-info", "room");

        private final String wire;
        private final List<String> fields;

        Name(String wire, String... fields) {
            this.wire = wire;
            this.fields = List.of(fields);
        }

        public String wire() {
            return wire;
        }

        /** Anything else a command carries (besides {@code id}) is a typo the caller must hear about. */
        public List<String> fields() {
            return fields;
        }

        /** The command of that wire name, or null. */
        public static Name of(String wire) {
            for (Name n : values()) {
                if (n.wire.equals(wire)) {
                    return n;
                }
            }
            return null;
        }

        /** Every wire name, in declaration order: {@code [kick, close-room, ...]}. */
        public static List<String> wireNames() {
            return java.util.Arrays.stream(values()).map(Name::wire).toList();
        }
    }
}
