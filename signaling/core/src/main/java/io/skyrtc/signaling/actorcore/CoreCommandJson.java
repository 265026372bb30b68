package io.skyrtc.signaling.actorcore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The commands' JSON form, shared by the three adapters: the gate's {@code data} object, the cluster's
 * Lua table (as JSON), the admin API's body. Parsed once, checked field by field, into a
 * {@link CoreCommand}; a result goes back as the object docs/ACTOR-CORE.md shows.
 */
public final class CoreCommandJson {
    /** Longest room, peer, to or reason accepted. */
    static final int MAX_TEXT = 256;

    private final ObjectMapper json;

    public CoreCommandJson(ObjectMapper json) {
        this.json = json;
    }

    /**
     * {@code data} (null or JSON null: no fields) as command {@code name}; throws {@link CoreFailure}
     * (bad-request naming the field, or unknown-command).
     */
    public static CoreCommand parse(String name, JsonNode data) {
        JsonNode d = data == null || data.isNull() ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                : data;
        if (!d.isObject()) {
            throw CoreFailure.badRequest(null, "data must be an object");
        }
        CoreCommand.Name command = CoreCommand.Name.of(name);
        if (command == null) {
            throw CoreFailure.unknownCommand(name);
        }
        for (var it = d.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!f.equals("id") && !command.fields().contains(f)) {
                throw CoreFailure.badRequest(f, "unknown field '" + f + "' for " + name);
            }
        }
        return switch (command) {
            case KICK -> new CoreCommand.Kick(text(d, "room", true), text(d, "peer", true), reason(d));
            case CLOSE_ROOM -> new CoreCommand.CloseRoom(text(d, "room", true), reason(d));
            case SEND -> {
                String room = text(d, "room", true), to = text(d, "to", false);
                if (!d.has("payload")) {
                    throw CoreFailure.badRequest("payload", "payload is required");
                }
                yield new CoreCommand.Send(room, to, d.get("payload"));
            }
            case LIST_ROOMS -> new CoreCommand.ListRooms();
            case ROOM_INFO -> new CoreCommand.RoomInfo(text(d, "room", true));
        };
    }

    /** The result object, e.g. {@code {"kicked": "p_7Hq"}}. */
    public JsonNode toJson(CoreResult result) {
        return json.valueToTree(result);
    }

    public ObjectMapper mapper() {
        return json;
    }

    private static String reason(JsonNode d) {
        String r = text(d, "reason", false);
        return r == null ? CoreCommand.DEFAULT_REASON : r;
    }

    private static String text(JsonNode d, String field, boolean required) {
        JsonNode v = d.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw CoreFailure.badRequest(field, field + " is required");
            }
            return null;
        }
        if (!v.isTextual() || v.asText().isEmpty() || v.asText().length() > MAX_TEXT) {
            throw CoreFailure.badRequest(field, field + " must be a non-empty string (at most " + MAX_TEXT + " chars)");
        }
        return v.asText();
    }
}
