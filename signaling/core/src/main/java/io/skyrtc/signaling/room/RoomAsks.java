package io.skyrtc.signaling.room;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Commands that want an answer from a room actor (the ask pattern): the actor core's and the admin
 * API's. A room this node does not serve is asked on its owner in multi-node mode.
 *
 * <p>They are told, not posted: they come from I/O threads (a gate or cluster connection, an HTTP
 * worker), where an idle room runs at once on the caller, as for a WebSocket frame. Posting cost a
 * thread hand-off per command: waking a parked pool worker, and on a busy machine waiting for it to get
 * a core, which made one-at-a-time commands 2-3x slower than inline ones.
 */
final class RoomAsks {
    private final RoomRegistry registry;
    private final ObjectMapper json;

    RoomAsks(RoomRegistry registry, ObjectMapper json) {
        this.registry = registry;
        this.json = json;
    }

    CompletableFuture<RoomSnapshot> snapshot(String name) {
        Room room = registry.localRoom(name);
        if (room == null) {
            return elsewhere(name, "snapshot", Map.of(), null, j -> {
                try {
                    return json.treeToValue(j, RoomSnapshot.class);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        CompletableFuture<RoomSnapshot> reply = new CompletableFuture<>();
        room.tell(new RoomCommand.Snapshot(reply));
        return reply;
    }

    CompletableFuture<List<RoomStat>> stats(Iterable<Room> rooms) {
        List<CompletableFuture<RoomStat>> all = new ArrayList<>();
        for (Room room : rooms) {
            CompletableFuture<RoomStat> reply = new CompletableFuture<>();
            room.tell(new RoomCommand.Stat(reply));
            all.add(reply);
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
                .thenApply(v -> all.stream().map(CompletableFuture::join).toList());
    }

    CompletableFuture<List<RoomJournal.Entry>> events(String name) {
        Room room = registry.localRoom(name);
        if (room == null) {
            return elsewhere(name, "events", Map.of(), null, j -> json.convertValue(j,
                    json.getTypeFactory().constructCollectionType(List.class, RoomJournal.Entry.class)));
        }
        CompletableFuture<List<RoomJournal.Entry>> reply = new CompletableFuture<>();
        room.tell(new RoomCommand.Events(reply));
        return reply;
    }

    CompletableFuture<Boolean> kick(String name, String peerId, String reason) {
        Room room = registry.localRoom(name);
        if (room == null) {
            return elsewhere(name, "kick", Map.of("peer", peerId, "reason", reason), false, JsonNode::asBoolean);
        }
        CompletableFuture<Boolean> reply = new CompletableFuture<>();
        room.tell(new RoomCommand.Kick(peerId, reason, reply));
        return reply;
    }

    CompletableFuture<Integer> close(String name, String reason) {
        Room room = registry.localRoom(name);
        if (room == null) {
            return elsewhere(name, "close", Map.of("reason", reason), -1, JsonNode::asInt);
        }
        CompletableFuture<Integer> reply = new CompletableFuture<>();
        room.tell(new RoomCommand.Close(reason, reply));
        return reply;
    }

    CompletableFuture<Integer> sendData(String name, String to, JsonNode payload) {
        Room room = registry.localRoom(name);
        if (room == null) {
            Map<String, Object> args = new HashMap<>();
            args.put("payload", payload);
            if (to != null) {
                args.put("to", to);
            }
            return elsewhere(name, "send", args, -1, JsonNode::asInt);
        }
        CompletableFuture<Integer> reply = new CompletableFuture<>();
        room.tell(new RoomCommand.ServerData(to, payload, reply));
        return reply;
    }

    /** Multi-node: a command for a room served elsewhere goes to its owner; {@code absent} when none has it. */
    private <T> CompletableFuture<T> elsewhere(String room, String op, Map<String, Object> args, T absent,
                                               Function<JsonNode, T> read) {
        RoomRouting r = registry.routing();
        if (r == null) {
            return CompletableFuture.completedFuture(absent);
        }
        ObjectNode a = json.createObjectNode();
        args.forEach((k, v) -> a.set(k, json.valueToTree(v)));
        return r.elsewhere(room, op, a).thenApply(j -> j == null || j.isNull() ? absent : read.apply(j));
    }
}
