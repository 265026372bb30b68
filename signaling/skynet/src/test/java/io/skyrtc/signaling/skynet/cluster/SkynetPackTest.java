package io.skyrtc.signaling.skynet.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * skynet.pack against the golden vectors captured from a real skynet node (test resource
 * skynet-cluster/seri.json, from the shared skynet-cluster notes): every vector decodes to the
 * annotated value and re-encodes to the same bytes, except where Lua's hash order is not defined.
 */
class SkynetPackTest {
    static final HexFormat HEX = HexFormat.of();

    static Stream<JsonNode> vectors() throws Exception {
        try (InputStream in = SkynetPackTest.class.getResourceAsStream("/skynet-cluster/seri.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            List<JsonNode> cases = new ArrayList<>();
            root.get("seri").forEach(cases::add);
            assertThat(cases).hasSizeGreaterThanOrEqualTo(60);
            return cases.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void everyVectorDecodesAndReEncodes(JsonNode v) {
        String name = v.get("name").asText();
        if (!v.has("hex")) {  // the writer's depth limit: rebuild the value and expect the same refusal
            int levels = name.startsWith("depth_33") ? 33 : 34;
            Object value = nested(levels, name.endsWith("with_value"));
            assertThatThrownBy(() -> SkynetPack.pack(value)).isInstanceOf(SkynetPackException.class)
                    .hasMessageContaining(v.get("error").asText());
            return;
        }
        byte[] bytes = HEX.parseHex(v.get("hex").asText());
        if (name.equals("lightuserdata")) {
            assertThatThrownBy(() -> SkynetPack.unpack(bytes)).hasMessageContaining("light userdata");
            return;
        }
        List<Object> decoded = SkynetPack.unpack(bytes);
        List<Object> expected = new ArrayList<>();
        v.get("decoded").forEach(d -> expected.add(expected(d)));
        assertSame(decoded, expected, name);
        byte[] again = SkynetPack.packAll(decoded);
        if (hasSeveralHashKeys(decoded)) {
            assertSame(SkynetPack.unpack(again), decoded, name);
        } else {
            assertThat(HEX.formatHex(again)).as(name).isEqualTo(v.get("hex").asText());
        }
    }

    /** Deep equality where Long ≠ Double, NaN = NaN and -0.0 ≠ 0.0, as Lua tells them apart. */
    static void assertSame(Object actual, Object expected, String name) {
        assertThat(actual).as(name).usingRecursiveComparison().withStrictTypeChecking()
                .withComparatorForType(Double::compare, Double.class).isEqualTo(expected);
    }

    static Object nested(int levels, boolean withValue) {
        Object inner = withValue ? new ArrayList<>(List.of(1L)) : new ArrayList<>();
        for (int i = 1; i < levels; i++) {
            inner = new ArrayList<>(List.of(inner));
        }
        return inner;
    }

    /** The vectors' annotation format ($array/$hash/$float/$str_len/$bytes_hex) as Java values. */
    static Object expected(JsonNode d) {
        if (d.isNull()) {
            return null;
        }
        if (d.isBoolean()) {
            return d.asBoolean();
        }
        if (d.isIntegralNumber()) {
            return d.asLong();
        }
        if (d.isNumber()) {
            return d.asDouble();
        }
        if (d.isTextual()) {
            return d.asText();
        }
        if (d.has("$float")) {
            return switch (d.get("$float").asText()) {
                case "inf" -> Double.POSITIVE_INFINITY;
                case "-inf" -> Double.NEGATIVE_INFINITY;
                case "nan" -> Double.NaN;
                default -> Double.parseDouble(d.get("$float").asText());
            };
        }
        if (d.has("$str_len")) {
            String prefix = d.get("$prefix").asText();
            assertThat(prefix.chars().distinct().count()).isEqualTo(1);  // the vectors repeat one letter
            return String.valueOf(prefix.charAt(0)).repeat(d.get("$str_len").asInt());
        }
        if (d.has("$bytes_hex")) {
            return HEX.parseHex(d.get("$bytes_hex").asText());
        }
        List<Object> array = new ArrayList<>();
        if (d.has("$array")) {
            d.get("$array").forEach(e -> array.add(expected(e)));
        }
        if (!d.has("$hash")) {
            return array;
        }
        Map<Object, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < array.size(); i++) {
            map.put((long) (i + 1), array.get(i));
        }
        d.get("$hash").forEach(pair -> map.put(expected(pair.get(0)), expected(pair.get(1))));
        return map;
    }

    static boolean hasSeveralHashKeys(Object v) {
        if (v instanceof Map<?, ?> m) {
            long hashKeys = m.keySet().stream().filter(k -> !(k instanceof Long l && l >= 1 && l <= m.size())).count();
            return hashKeys > 1 || m.values().stream().anyMatch(SkynetPackTest::hasSeveralHashKeys)
                    || m.keySet().stream().anyMatch(SkynetPackTest::hasSeveralHashKeys);
        }
        if (v instanceof List<?> l) {
            return l.stream().anyMatch(SkynetPackTest::hasSeveralHashKeys);
        }
        return false;
    }

    @Test
    void javaValuesMapToLuaTypes() {
        assertThat(HEX.formatHex(SkynetPack.pack(1, 1.0, "x", true, null))).isEqualTo("0a0142000000000000f03f0c780900");
        assertThat(HEX.formatHex(SkynetPack.pack(Map.of("a", 1L)))).isEqualTo("060c610a0100");
        assertThat(HEX.formatHex(SkynetPack.pack(Map.of(1L, "a", 2L, "b")))).isEqualTo("160c610c6200");
        assertThat(SkynetPack.unpack(SkynetPack.pack(new byte[] {0, (byte) 0xff}))).first().isInstanceOf(byte[].class);
        assertThat(SkynetPack.pack()).isEmpty();
        assertThat(SkynetPack.unpack(new byte[0])).isEmpty();
    }

    @Test
    void unsupportedValuesAndBadBytesGetClearErrors() {
        assertThatThrownBy(() -> SkynetPack.pack(new Object())).hasMessageContaining("cannot pack a java.lang.Object");
        assertThatThrownBy(() -> SkynetPack.pack(java.util.Arrays.asList(1L, null)))
                .hasMessageContaining("cannot hold nil");
        Map<Object, Object> nullKey = new java.util.HashMap<>();
        nullKey.put(null, 1L);
        assertThatThrownBy(() -> SkynetPack.pack(nullKey)).hasMessageContaining("key cannot be nil");
        assertThatThrownBy(() -> SkynetPack.unpack(HEX.parseHex("0a"))).hasMessageContaining("buffer ends");
        assertThatThrownBy(() -> SkynetPack.unpack(HEX.parseHex("2501000000"))).hasMessageContaining("only 0 left");
        assertThatThrownBy(() -> SkynetPack.unpack(HEX.parseHex("1e0a01"))).hasMessageContaining("buffer ends");
        assertThatThrownBy(() -> SkynetPack.unpack(HEX.parseHex("07"))).hasMessageContaining("unknown type 7");
        assertThatThrownBy(() -> SkynetPack.unpack(HEX.parseHex("1a"))).hasMessageContaining("bad number cookie 3");
    }
}
