package io.skyrtc.turn.coturn;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One file, a base section and named overlays: {@code base:} holds what every instance shares,
 * {@code environments.NAME:} what differs (objects merge key by key, lists and values replace). Teams
 * use it to give each developer an isolated coturn ({@code dev1}, {@code dev2} with their own ports).
 */
public final class CoturnProfiles {
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final Map<String, CoturnConfig> environments;

    private CoturnProfiles(Map<String, CoturnConfig> environments) {
        this.environments = environments;
    }

    public static CoturnProfiles load(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new CoturnConfigException("cannot read coturn profiles " + file + ": " + e.getMessage());
        }
    }

    public static CoturnProfiles parse(String yaml) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new CoturnConfigException("coturn profiles are not valid YAML: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new CoturnConfigException("coturn profiles: expected a mapping with base: and environments:");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!key.equals("base") && !key.equals("environments")) {
                throw new CoturnConfigException("coturn profiles: unknown top-level key '" + key
                        + "' (only base and environments)");
            }
        }
        JsonNode base = root.path("base");
        JsonNode envs = root.path("environments");
        if (!envs.isObject() || envs.isEmpty()) {
            throw new CoturnConfigException("coturn profiles: environments: must name at least one environment");
        }
        Map<String, CoturnConfig> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = envs.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            ObjectNode merged = base.isObject() ? base.deepCopy() : YAML.createObjectNode();
            if (e.getValue().isObject()) {
                merge(merged, (ObjectNode) e.getValue());
            } else if (!e.getValue().isNull()) {
                throw new CoturnConfigException("environments." + e.getKey() + ": expected a mapping");
            }
            out.put(e.getKey(), bind(e.getKey(), merged));
        }
        return new CoturnProfiles(out);
    }

    public List<String> names() {
        return List.copyOf(environments.keySet());
    }

    /** The merged settings of one environment, not yet validated. */
    public CoturnConfig environment(String name) {
        CoturnConfig c = environments.get(name);
        if (c == null) {
            throw new CoturnConfigException("no coturn environment '" + name + "' (have: "
                    + String.join(", ", environments.keySet()) + ")");
        }
        return c;
    }

    /** All environments, with {@code secrets} filled in where a profile names none. */
    public Map<String, CoturnConfig> withDefaultSecrets(List<String> secrets) {
        return environments.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> e.getValue().staticAuthSecrets().isEmpty() ? e.getValue().withStaticAuthSecrets(secrets)
                        : e.getValue(), (a, b) -> a, LinkedHashMap::new));
    }

    private static CoturnConfig bind(String env, ObjectNode tree) {
        try {
            return YAML.treeToValue(tree, CoturnConfig.class);
        } catch (JsonMappingException e) {
            String path = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName()
                    : "[" + r.getIndex() + "]").collect(Collectors.joining("."));
            throw new CoturnConfigException("coturn environment '" + env + "', key " + path + ": "
                    + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw new CoturnConfigException("coturn environment '" + env + "': " + e.getOriginalMessage());
        }
    }

    private static void merge(ObjectNode into, ObjectNode overlay) {
        overlay.fields().forEachRemaining(e -> {
            JsonNode current = into.get(e.getKey());
            if (current instanceof ObjectNode o && e.getValue() instanceof ObjectNode v) {
                merge(o, v);
            } else {
                into.set(e.getKey(), e.getValue().deepCopy());
            }
        });
    }
}
