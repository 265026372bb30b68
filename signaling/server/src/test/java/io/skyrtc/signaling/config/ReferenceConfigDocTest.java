package io.skyrtc.signaling.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * reference.yaml names every default once; docs/CONFIG.md "Keys and defaults" must show the same keys with
 * the same values, and every key of {@link SkyrtcConfig} must have its default there.
 */
class ReferenceConfigDocTest {
    static final String BLOCK_START = "## Keys and defaults\n\n```yaml\n";

    @Test
    void configDocShowsExactlyTheReferenceKeysAndDefaults() throws Exception {
        Map<String, JsonNode> reference = leaves(ConfigLoader.reference());
        Map<String, JsonNode> documented = leaves(documentedTree());
        assertThat(documented.keySet()).as("keys in docs/CONFIG.md vs reference.yaml")
                .containsExactlyElementsOf(reference.keySet());
        reference.forEach((key, value) ->
                assertThat(documented.get(key)).as("default of %s in docs/CONFIG.md", key).isEqualTo(value));
    }

    @Test
    void everyConfigKeyHasItsDefaultInTheReference() {
        JsonNode fromRecords = ConfigLoader.yaml().valueToTree(SkyrtcConfig.defaults());
        assertThat(leaves(fromRecords).keySet()).containsExactlyElementsOf(leaves(ConfigLoader.reference()).keySet());
    }

    @Test
    void aDefaultChangedOnOneSideIsFound() throws Exception {
        ObjectNode changed = documentedTree();
        ((ObjectNode) changed.get("rooms")).put("maxPeersPerRoom", 17);
        assertThat(leaves(changed)).isNotEqualTo(leaves(ConfigLoader.reference()));
        ObjectNode missing = documentedTree();
        ((ObjectNode) missing.get("limits")).remove("joinTimeoutMs");
        assertThat(leaves(missing).keySet()).isNotEqualTo(leaves(ConfigLoader.reference()).keySet());
    }

    static ObjectNode documentedTree() throws Exception {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.exists(dir.resolve("docs/CONFIG.md"))) {
            dir = dir.getParent();
        }
        String md = Files.readString(dir.resolve("docs/CONFIG.md"), StandardCharsets.UTF_8);
        int start = md.indexOf(BLOCK_START);
        assertThat(start).as("docs/CONFIG.md has a yaml block under 'Keys and defaults'").isNotNegative();
        start += BLOCK_START.length();
        return (ObjectNode) ConfigLoader.yaml().readTree(md.substring(start, md.indexOf("```", start)));
    }

    /** key path → value, in key order; an empty mapping (a map key such as cluster nodes) is a leaf. */
    static Map<String, JsonNode> leaves(JsonNode tree) {
        Map<String, JsonNode> out = new TreeMap<>();
        collect(tree, "", out);
        return out;
    }

    private static void collect(JsonNode node, String prefix, Map<String, JsonNode> out) {
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> f = it.next();
            if (f.getValue().isObject() && !f.getValue().isEmpty()) {
                collect(f.getValue(), prefix + f.getKey() + ".", out);
            } else {
                out.put(prefix + f.getKey(), f.getValue());
            }
        }
    }
}
