package io.skyrtc.signaling.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Renders the effective configuration as YAML with every secret replaced by a mask. */
public final class ConfigPrinter {
    static final String MASK = "********";

    private ConfigPrinter() {}

    /** Masks every element of a list of secrets. */
    private static final class ArrayNodeMask {
        static void all(JsonNode list, String mask) {
            com.fasterxml.jackson.databind.node.ArrayNode a = (com.fasterxml.jackson.databind.node.ArrayNode) list;
            for (int i = 0; i < a.size(); i++) {
                a.set(i, com.fasterxml.jackson.databind.node.TextNode.valueOf(mask));
            }
        }
    }

    private static void maskAll(JsonNode entries, String field) {
        for (JsonNode entry : entries) {
            if (entry.hasNonNull(field) && !entry.get(field).asText().isEmpty()) {
                ((ObjectNode) entry).put(field, MASK);
            }
        }
    }

    public static String toYaml(SkyrtcConfig config) {
        ObjectNode tree = ConfigLoader.yaml().valueToTree(config);
        ObjectNode auth = (ObjectNode) tree.get("auth");
        if (!auth.get("roomTokenSecret").asText().isEmpty()) {
            auth.put("roomTokenSecret", MASK);
        }
        for (JsonNode server : tree.get("ice").get("servers")) {
            if (server.hasNonNull("credential")) {
                ((ObjectNode) server).put("credential", MASK);
            }
        }
        ArrayNodeMask.all(tree.get("turn").get("secrets"), MASK);
        maskAll(tree.get("vendors").get("agora"), "appCertificate");
        maskAll(tree.get("vendors").get("tencent"), "secretKey");
        // a password in redis.url (redis://user:PASSWORD@host) is a secret too
        ((ObjectNode) tree.get("redis")).put("url", tree.get("redis").get("url").asText()
                .replaceFirst("://[^@/]*@", "://" + MASK + "@"));
        if (!tree.get("demo").get("apiKey").asText().isEmpty()) {
            ((ObjectNode) tree.get("demo")).put("apiKey", MASK);
        }
        try {
            return ConfigLoader.yaml().writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
