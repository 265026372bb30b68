package io.skyrtc.signaling.skynet.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON ↔ the Java values {@link SkynetPack} carries. JSON null has no place in a Lua table: object
 * members that are null are left out, and an array with nulls becomes a table with holes (keys 1..n).
 */
public final class LuaValues {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private LuaValues() {}

    public static Object fromJson(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        if (n.isObject()) {
            Map<Object, Object> out = new LinkedHashMap<>();
            n.fields().forEachRemaining(f -> {
                if (!f.getValue().isNull()) {
                    out.put(f.getKey(), fromJson(f.getValue()));
                }
            });
            return out;
        }
        if (n.isArray()) {
            List<Object> list = new ArrayList<>(n.size());
            boolean holes = false;
            for (JsonNode e : n) {
                holes |= e.isNull();
                list.add(fromJson(e));
            }
            return holes ? withHoles(list) : list;
        }
        if (n.isIntegralNumber() && n.canConvertToLong()) {
            return n.asLong();
        }
        if (n.isNumber()) {
            return n.asDouble();
        }
        if (n.isBoolean()) {
            return n.asBoolean();
        }
        return n.asText();
    }

    private static Map<Object, Object> withHoles(List<Object> list) {
        Map<Object, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) != null) {
                out.put((long) i + 1, list.get(i));
            }
        }
        return out;
    }

    /**
     * A Lua value as JSON: a table with only string keys is an object, a list is an array; {@link
     * SkynetPackException} for what JSON cannot say (binary strings, mixed or non-string keys,
     * infinities and NaN).
     */
    public static JsonNode toJson(Object v) {
        if (v == null) {
            return NODES.nullNode();
        }
        if (v instanceof String s) {
            return NODES.textNode(s);
        }
        if (v instanceof Long l) {
            return NODES.numberNode(l);
        }
        if (v instanceof Double d) {
            if (!Double.isFinite(d)) {  // JSON has no inf/nan: Jackson would write the string "Infinity"
                throw new SkynetPackException("the number " + d + " (math.huge or nan) has no JSON form");
            }
            return NODES.numberNode(d);
        }
        if (v instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (v instanceof List<?> list) {
            ArrayNode out = NODES.arrayNode(list.size());
            list.forEach(e -> out.add(toJson(e)));
            return out;
        }
        if (v instanceof Map<?, ?> map) {
            ObjectNode out = NODES.objectNode();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    throw new SkynetPackException("a table with key " + e.getKey() + " has no JSON form; use string keys");
                }
                out.set(key, toJson(e.getValue()));
            }
            return out;
        }
        if (v instanceof byte[]) {
            throw new SkynetPackException("a binary (non-UTF-8) string has no JSON form");
        }
        throw new SkynetPackException("unsupported value " + v.getClass().getSimpleName());
    }
}
