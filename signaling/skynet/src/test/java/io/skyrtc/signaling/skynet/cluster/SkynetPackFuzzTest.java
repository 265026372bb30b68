package io.skyrtc.signaling.skynet.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * skynet.pack bytes from a peer node: {@link SkynetPack#unpack} yields values or throws
 * {@link SkynetPackException}, nothing else (no stack overflow, no buffer exception). What it yields
 * packs again (or is refused with SkynetPackException for the two things Lua cannot write: a nil inside
 * an array, a table too deep) and unpacks to the same values as Lua sees them. Bytes need not repeat:
 * like Lua's, the packed form of equal tables may differ in order and array/hash split
 * (seed-equal-values-packed-differently, found by fuzzing).
 * Seeds: the real-node vectors of SkynetPackTest plus findings, in SkynetPackFuzzTestInputs.
 */
class SkynetPackFuzzTest {

    @FuzzTest
    void unpackYieldsValuesThatRoundTrip(byte[] data) {
        List<Object> values;
        try {
            values = SkynetPack.unpack(data);
        } catch (SkynetPackException refused) {
            return;
        }
        byte[] packed;
        try {
            packed = SkynetPack.packAll(values);
        } catch (SkynetPackException e) {
            assertThat(e.getMessage()).as("why %s cannot be packed", HexFormat.of().formatHex(data))
                    .containsAnyOf("cannot hold nil", "too depth");
            return;
        }
        List<Object> again = SkynetPack.unpack(packed);
        assertThat(lua(again)).as("unpack(pack(v)) of %s", HexFormat.of().formatHex(data)).isEqualTo(lua(values));
    }

    /**
     * The value as Lua sees it: a table's nil values do not exist, a table whose keys are exactly
     * 1..n is a sequence, strings compare by content (byte[] by its hex), NaN and -0.0 by their bits.
     */
    static Object lua(Object v) {
        if (v instanceof byte[] b) {
            return "bytes:" + HexFormat.of().formatHex(b);
        }
        if (v instanceof Double d) {
            return "double:" + Long.toHexString(Double.doubleToRawLongBits(d));
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(e -> out.add(lua(e)));
            return out;
        }
        if (v instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, e) -> {
                if (e != null) {
                    out.put(lua(k), lua(e));
                }
            });
            List<Object> sequence = new ArrayList<>();
            for (long i = 1; out.containsKey(i); i++) {
                sequence.add(out.get(i));
            }
            return sequence.size() == out.size() ? sequence : out;
        }
        return v;
    }
}
