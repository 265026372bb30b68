package io.skyrtc.signaling.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the effective {@link SkyrtcConfig}: documented defaults, then the YAML file, then
 * {@code SKYRTC_*} environment variables, then {@code ${env:NAME}} / {@code ${file:PATH}} secret
 * references. Unknown keys and invalid values stop start-up with a message naming the key.
 */
public final class ConfigLoader {
    /** Env var holding the config file path; not a config key itself. */
    public static final String CONFIG_FILE_ENV = "SKYRTC_CONFIG";
    static final String ENV_PREFIX = "SKYRTC_";
    /** Every key and its default, the one place defaults are named (docs/CONFIG.md shows the same tree). */
    public static final String REFERENCE = "reference.yaml";

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private static final ObjectNode REFERENCE_TREE = readReference();

    private ConfigLoader() {}

    /** The defaults: {@code reference.yaml} as a tree (a fresh copy). */
    public static ObjectNode reference() {
        return REFERENCE_TREE.deepCopy();
    }

    static SkyrtcConfig defaults() {
        try {
            return YAML.treeToValue(reference(), SkyrtcConfig.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(REFERENCE + " does not fit SkyrtcConfig: " + e.getOriginalMessage(), e);
        }
    }

    private static ObjectNode readReference() {
        try (var in = ConfigLoader.class.getResourceAsStream(REFERENCE)) {
            if (in == null) {
                throw new IllegalStateException(REFERENCE + " is missing from the classpath");
            }
            return (ObjectNode) YAML.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + REFERENCE + ": " + e, e);
        }
    }

    public static SkyrtcConfig load(Path file, Map<String, String> env) {
        return load(file, env, true);
    }

    /**
     * The configuration for commands that serve nothing ({@code config print}, {@code turn-conf},
     * {@code turn-creds}): every check except the secrets only serving needs (the room-token secret).
     */
    public static SkyrtcConfig loadOffline(Path file, Map<String, String> env) {
        return load(file, env, false);
    }

    private static SkyrtcConfig load(Path file, Map<String, String> env, boolean serving) {
        ObjectNode tree = reference();
        if (file != null) {
            merge(tree, readYaml(file), "");
        }
        applyEnv(tree, env);
        expandSecrets(tree, "", env);
        SkyrtcConfig config;
        try {
            config = YAML.treeToValue(tree, SkyrtcConfig.class);
        } catch (JsonMappingException e) {
            throw new ConfigException("invalid value for " + keyPath(e) + ": " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw new ConfigException("invalid configuration: " + e.getOriginalMessage());
        }
        ConfigValidator.validate(config, serving);
        return config;
    }

    /** Every settable key and the environment variable that overrides it, in key order. */
    public static Map<String, String> envNames() {
        Map<String, String> out = new TreeMap<>();
        collectKeys(REFERENCE_TREE, "", out);
        return out;
    }

    public static String envName(String keyPath) {
        StringBuilder sb = new StringBuilder(ENV_PREFIX);
        for (int i = 0; i < keyPath.length(); i++) {
            char c = keyPath.charAt(i);
            if (c == '.') {
                sb.append('_');
            } else if (Character.isUpperCase(c)) {
                sb.append('_').append(c);
            } else {
                sb.append(Character.toUpperCase(c));
            }
        }
        return sb.toString();
    }

    static ObjectMapper yaml() {
        return YAML;
    }

    private static JsonNode readYaml(Path file) {
        try {
            JsonNode node = YAML.readTree(Files.readString(file, StandardCharsets.UTF_8));
            if (node == null || node.isMissingNode() || node.isNull()) {
                return YAML.createObjectNode();
            }
            if (!node.isObject()) {
                throw new ConfigException(file + ": the top level must be a mapping of keys");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new ConfigException(file + ": not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
    }

    private static void merge(ObjectNode base, JsonNode overlay, String prefix) {
        Iterator<Map.Entry<String, JsonNode>> fields = overlay.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String key = prefix + f.getKey();
            if (!base.has(f.getKey())) {
                throw new ConfigException("unknown key: " + key);
            }
            JsonNode current = base.get(f.getKey());
            if (f.getValue().isNull() && !current.isNull()) {
                continue;  // `key:` or `key: ~` (say, a section whose keys are all commented out) keeps the default
            }
            if (isMap(current) && f.getValue().isObject()) {
                base.set(f.getKey(), f.getValue());  // a map key (e.g. cluster nodes): replaced as a whole
            } else if (current.isObject() && f.getValue().isObject()) {
                merge((ObjectNode) current, f.getValue(), key + ".");
            } else if (current.isObject() && !f.getValue().isNull()) {
                throw new ConfigException("invalid value for " + key + ": expected a mapping of keys");
            } else {
                base.set(f.getKey(), f.getValue());
            }
        }
    }

    private static void applyEnv(ObjectNode tree, Map<String, String> env) {
        Map<String, String> byEnv = new LinkedHashMap<>();
        envNames().forEach((key, name) -> byEnv.put(name, key));
        for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
            if (!e.getKey().startsWith(ENV_PREFIX) || e.getKey().equals(CONFIG_FILE_ENV)) {
                continue;
            }
            String key = byEnv.get(e.getKey());
            if (key == null) {
                throw new ConfigException("unknown environment variable " + e.getKey()
                        + " (no such config key; run 'skyrtc config keys' for the list)");
            }
            setPath(tree, key, e.getValue());
        }
    }

    private static void setPath(ObjectNode tree, String key, String raw) {
        String[] parts = key.split("\\.");
        ObjectNode node = tree;
        for (int i = 0; i < parts.length - 1; i++) {
            node = (ObjectNode) node.get(parts[i]);
        }
        String leaf = parts[parts.length - 1];
        JsonNode current = node.get(leaf);
        if (current != null && current.isArray()) {
            node.set(leaf, parseList(key, raw));
        } else if (isMap(current)) {
            node.set(leaf, parseMap(key, raw));
        } else {
            node.set(leaf, TextNode.valueOf(raw));
        }
    }

    /** Maps (name → value keys such as cluster nodes) are empty objects in the defaults: settable as a whole. */
    private static boolean isMap(JsonNode node) {
        return node != null && node.isObject() && node.isEmpty();
    }

    /** A map from the environment: a JSON object, or comma-separated {@code name=value} pairs. */
    private static JsonNode parseMap(String key, String raw) {
        String s = raw.trim();
        if (s.startsWith("{")) {
            try {
                return YAML.readTree(s);
            } catch (JsonProcessingException e) {
                throw new ConfigException("invalid value for " + key + " (" + envName(key)
                        + "): not a JSON object: " + e.getOriginalMessage());
            }
        }
        ObjectNode map = YAML.createObjectNode();
        for (String item : s.split(",")) {
            if (item.isBlank()) {
                continue;
            }
            int eq = item.indexOf('=');
            if (eq <= 0) {
                throw new ConfigException("invalid value for " + key + " (" + envName(key)
                        + "): expected name=value pairs separated by commas, got '" + item.trim() + "'");
            }
            map.put(item.substring(0, eq).trim(), item.substring(eq + 1).trim());
        }
        return map;
    }

    /** A list from the environment: a JSON array, or comma-separated strings. */
    private static JsonNode parseList(String key, String raw) {
        String s = raw.trim();
        if (s.startsWith("[")) {
            try {
                return YAML.readTree(s);
            } catch (JsonProcessingException e) {
                throw new ConfigException("invalid value for " + key + " (" + envName(key)
                        + "): not a JSON array: " + e.getOriginalMessage());
            }
        }
        ArrayNode array = YAML.createArrayNode();
        for (String item : s.split(",")) {
            if (!item.isBlank()) {
                array.add(item.trim());
            }
        }
        return array;
    }

    private static void expandSecrets(JsonNode node, String path, Map<String, String> env) {
        if (node instanceof ObjectNode obj) {
            Iterator<Map.Entry<String, JsonNode>> it = obj.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> f = it.next();
                String key = path.isEmpty() ? f.getKey() : path + "." + f.getKey();
                if (f.getValue().isTextual()) {
                    f.setValue(TextNode.valueOf(resolveRef(key, f.getValue().asText(), env)));
                } else {
                    expandSecrets(f.getValue(), key, env);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                String key = path + "[" + i + "]";
                if (array.get(i).isNull()) {
                    throw new ConfigException("invalid value for " + key + ": a list cannot hold null");
                }
                if (array.get(i).isTextual()) {
                    array.set(i, TextNode.valueOf(resolveRef(key, array.get(i).asText(), env)));
                } else {
                    expandSecrets(array.get(i), key, env);
                }
            }
        }
    }

    private static String resolveRef(String key, String value, Map<String, String> env) {
        if (!value.startsWith("${") || !value.endsWith("}")) {
            return value;
        }
        String ref = value.substring(2, value.length() - 1);
        if (ref.startsWith("env:")) {
            String v = env.get(ref.substring(4));
            if (v == null) {
                throw new ConfigException(key + " refers to environment variable " + ref.substring(4)
                        + ", which is not set");
            }
            return v;
        }
        if (ref.startsWith("file:")) {
            Path p = Path.of(ref.substring(5));
            try {
                return Files.readString(p, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new ConfigException(key + " refers to file " + p + ", which cannot be read: " + e);
            }
        }
        return value;
    }

    private static void collectKeys(JsonNode node, String prefix, Map<String, String> out) {
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> f = it.next();
            String key = prefix + f.getKey();
            if (f.getValue().isObject() && !isMap(f.getValue())) {
                collectKeys(f.getValue(), key + ".", out);
            } else {
                out.put(key, envName(key));
            }
        }
    }

    private static String keyPath(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.length() == 0 ? "(config)" : sb.toString();
    }
}
