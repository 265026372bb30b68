package io.skyrtc.signaling.skynet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.skyrtc.signaling.events.RoomEvent;
import io.skyrtc.signaling.skynet.cluster.LuaValues;
import io.skyrtc.signaling.skynet.cluster.SkynetPack;
import io.skyrtc.signaling.skynet.cluster.SkynetPackException;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * One packet from the gate, parsed once: an ack, a command, or something that is neither and gets no
 * answer (answering it could loop with a gate that answers every packet). Both encodings are read on
 * every link: a JSON envelope starts with '{', anything else is taken as {@code skynet.pack(name, data)}.
 */
sealed interface GateInbound {
    record Ack(long seq) implements GateInbound {}

    /** {@code id} is present (any JSON value but null): every command gets one result with it. */
    record Command(String name, JsonNode data, JsonNode id) implements GateInbound {}

    record NotACommand(String why) implements GateInbound {}

    /** Names skyrtc itself writes: a gate echoing them back must not be answered. */
    Set<String> OWN_NAMES = Set.of("hello", "result", "events", "ack");

    static GateInbound parse(byte[] payload, ObjectMapper json) {
        String name;
        JsonNode data;
        if (GateEncoding.isJson(payload)) {
            JsonNode msg;
            try {
                msg = json.readTree(payload);
            } catch (IOException e) {
                return new NotACommand("not JSON");
            }
            name = msg.path("name").isTextual() ? msg.get("name").asText() : null;
            data = msg.get("data");
        } else {
            List<Object> values;
            try {
                values = SkynetPack.unpack(payload);
            } catch (RuntimeException e) {  // SkynetPackException, or a count no buffer could hold
                return new NotACommand("neither JSON nor skynet.pack");
            }
            if (values.size() < 2 || !(values.get(0) instanceof String s)) {
                return new NotACommand("skynet.pack without (name, data)");
            }
            name = s;
            try {
                data = LuaValues.toJson(values.get(1));
            } catch (SkynetPackException e) {
                return new NotACommand("data not expressible as JSON: " + e.getMessage());
            }
        }
        if (name == null) {
            return new NotACommand("no name");
        }
        if (name.equals("ack")) {
            JsonNode seq = data == null ? null : data.get("seq");
            return seq != null && seq.canConvertToLong() ? new Ack(seq.asLong()) : new NotACommand("ack without seq");
        }
        if (OWN_NAMES.contains(name) || EVENT_NAMES.contains(name)) {
            return new NotACommand("'" + name + "' is not a command");
        }
        JsonNode id = data != null && data.isObject() ? data.get("id") : null;
        if (id == null || id.isNull()) {
            return new NotACommand("'" + name + "' without data.id");
        }
        return new Command(name, data, id);
    }

    Set<String> EVENT_NAMES = Set.copyOf(Arrays.stream(RoomEvent.Type.values()).map(RoomEvent.Type::wire).toList());
}
