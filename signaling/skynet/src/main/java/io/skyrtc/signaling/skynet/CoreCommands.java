package io.skyrtc.signaling.skynet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.skyrtc.signaling.room.RoomRegistry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Commands from the actor core ({@code kick}, {@code close-room}, {@code send}, {@code list-rooms},
 * {@code room-info}), executed on the rooms' own threads. Every command gets exactly one result; bad
 * or unknown commands get an error result, never a dropped link.
 */
public final class CoreCommands {
    /** A command that cannot be carried out: {@code code} is bad-request, not-found or unknown-command. */
    public static final class Failure extends RuntimeException {
        public final String code;
        /** The offending field of a bad-request, else null. */
        public final String field;

        Failure(String code, String message) {
            this(code, null, message);
        }

        Failure(String code, String field, String message) {
            super(message, null, false, false);
            this.code = code;
            this.field = field;
        }
    }

    /**
     * The fields each command takes besides {@code id}, in the order positional callers pass them
     * (cluster calls); anything else is a typo the caller must hear about.
     */
    private static final Map<String, List<String>> FIELDS = Map.of(
            "kick", List.of("room", "peer", "reason"),
            "close-room", List.of("room", "reason"),
            "send", List.of("room", "to", "payload"),
            "list-rooms", List.of(),
            "room-info", List.of("room"));

    /** The command names, for routing. */
    public static Set<String> names() {
        return FIELDS.keySet();
    }

    /** The fields of command {@code name} in positional order, or null for an unknown command. */
    public static List<String> fields(String name) {
        return FIELDS.get(name);
    }

    /** A bad-request failure, for callers that check arguments before a command runs. */
    public static Failure badRequest(String field, String message) {
        return new Failure("bad-request", field, message);
    }

    private final RoomRegistry rooms;
    private final ObjectMapper json;

    public CoreCommands(RoomRegistry rooms, ObjectMapper json) {
        this.rooms = rooms;
        this.json = json;
    }

    /** The command's result object; completes exceptionally with {@link Failure}. */
    public CompletableFuture<JsonNode> run(String name, JsonNode data) {
        try {
            return dispatch(name, data == null || data.isNull() ? json.createObjectNode() : data);
        } catch (Failure f) {
            return CompletableFuture.failedFuture(f);
        }
    }

    private CompletableFuture<JsonNode> dispatch(String name, JsonNode d) {
        if (!d.isObject()) {
            throw new Failure("bad-request", "data must be an object");
        }
        List<String> allowed = FIELDS.get(name);
        if (allowed == null) {
            throw new Failure("unknown-command", "unknown command '" + name + "'");
        }
        for (var it = d.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!f.equals("id") && !allowed.contains(f)) {
                throw new Failure("bad-request", f, "unknown field '" + f + "' for " + name);
            }
        }
        switch (name) {
            case "kick": {
                String room = text(d, "room", true), peer = text(d, "peer", true);
                return rooms.kick(room, peer, reason(d)).thenApply(found -> {
                    if (!found) {
                        throw new Failure("not-found", "no peer " + peer + " in room " + room);
                    }
                    return obj().put("kicked", peer);
                });
            }
            case "close-room": {
                String room = text(d, "room", true);
                return rooms.closeRoom(room, reason(d)).thenApply(n -> {
                    if (n < 0) {
                        throw new Failure("not-found", "no room " + room);
                    }
                    return obj().put("removedPeers", n);
                });
            }
            case "send": {
                String room = text(d, "room", true), to = text(d, "to", false);
                if (!d.has("payload")) {
                    throw new Failure("bad-request", "payload", "payload is required");
                }
                return rooms.sendData(room, to, d.get("payload")).thenApply(n -> {
                    if (n < 0) {
                        throw new Failure("not-found", "no room " + room);
                    }
                    if (to != null && n == 0) {
                        throw new Failure("not-found", "no peer " + to + " in room " + room);
                    }
                    return obj().put("delivered", n);
                });
            }
            case "list-rooms": {
                ObjectNode out = obj();
                var list = out.putArray("rooms");
                rooms.roomNames().forEach(list::add);
                return CompletableFuture.completedFuture(out);
            }
            case "room-info": {
                String room = text(d, "room", true);
                return rooms.snapshot(room).thenApply(s -> {
                    if (s == null) {
                        throw new Failure("not-found", "no room " + room);
                    }
                    return json.valueToTree(s);
                });
            }
            default:
                throw new Failure("unknown-command", "unknown command '" + name + "'");
        }
    }

    /**
     * The result envelope: {@code {"name":"result","data":{"id":..,"ok":true,"result":{..}}}}, or
     * {@code "ok":false} with {@code "error":{"code","message"}} when {@code code} is set.
     */
    public static ObjectNode result(ObjectMapper json, JsonNode id, JsonNode result, String code, String message) {
        ObjectNode data = json.createObjectNode();
        data.set("id", id);
        data.put("ok", code == null);
        if (code == null) {
            data.set("result", result);
        } else {
            data.putObject("error").put("code", code).put("message", message);
        }
        ObjectNode envelope = json.createObjectNode().put("name", "result");
        envelope.set("data", data);
        return envelope;
    }

    private ObjectNode obj() {
        return json.createObjectNode();
    }

    private static String reason(JsonNode d) {
        String r = text(d, "reason", false);
        return r == null ? "by the game server" : r;
    }

    private static String text(JsonNode d, String field, boolean required) {
        JsonNode v = d.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new Failure("bad-request", field, field + " is required");
            }
            return null;
        }
        if (!v.isTextual() || v.asText().isEmpty() || v.asText().length() > 256) {
            throw new Failure("bad-request", field, field + " must be a non-empty string (at most 256 chars)");
        }
        return v.asText();
    }
}
