package io.skyrtc.signaling.skynet.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** unpack's depth limit is the writer's: what pack writes unpacks, one level more is refused, not a stack overflow. */
class SkynetPackDepthTest {

    /** {@code levels} tables, each the only element of the one around it: type byte 0x0e = table, 1 array item. */
    private static byte[] nestedTables(int levels) {
        byte[] b = new byte[levels * 2];
        Arrays.fill(b, 0, levels, (byte) 0x0e);
        b[levels - 1] = 0x06;  // the innermost table is empty
        Arrays.fill(b, levels, b.length, (byte) 0x00);  // each table's end (nil key)
        return b;
    }

    @Test
    void theDeepestTableSkynetWritesUnpacks() {  // 33 tables: skynet's own vector depth_33_empty
        byte[] deepest = SkynetPack.pack(SkynetPackTest.nested(SkynetPack.MAX_DEPTH, false));
        assertThat(deepest).isEqualTo(nestedTables(SkynetPack.MAX_DEPTH));
        assertThat(SkynetPack.packAll(SkynetPack.unpack(deepest))).isEqualTo(deepest);
    }

    @Test
    void oneLevelDeeperIsRefused() {
        assertThatThrownBy(() -> SkynetPack.unpack(nestedTables(SkynetPack.MAX_DEPTH + 1)))
                .isInstanceOf(SkynetPackException.class).hasMessageContaining("too depth");
    }

    @Test
    void aPeersEndlessNestingIsRefusedNotAStackOverflow() {
        assertThatThrownBy(() -> SkynetPack.unpack(nestedTables(200_000)))
                .isInstanceOf(SkynetPackException.class).hasMessageContaining("too depth");
    }
}
