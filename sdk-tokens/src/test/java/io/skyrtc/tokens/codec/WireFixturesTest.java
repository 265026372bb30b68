package io.skyrtc.tokens.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.TreeMap;
import java.util.zip.DataFormatException;
import org.junit.jupiter.api.Test;

/** Byte-level fixtures for the packing primitives the token formats are made of. */
class WireFixturesTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void littleEndianPrimitives() {
        var map = new TreeMap<Integer, Long>();
        map.put(4, 1L);
        map.put(1, 0xFFFF_FFFFL);
        byte[] bytes = new LittleEndianWriter(4).u16(0x1234).u32(0x89ABCDEFL).string("hé").u16u32Map(map).toByteArray();
        assertThat(HEX.formatHex(bytes)).isEqualTo("3412" + "efcdab89" + "0300" + "68c3a9" + "0200" + "0100ffffffff" + "040001000000");

        var in = new LittleEndianReader(bytes);
        assertThat(in.u16()).isEqualTo(0x1234);
        assertThat(in.u32()).isEqualTo(0x89ABCDEFL);
        assertThat(in.string()).isEqualTo("hé");
        assertThat(in.u16u32Map()).isEqualTo(map);
        assertThat(in.remaining()).isZero();
        assertThatThrownBy(in::u16).isInstanceOf(LittleEndianReader.TruncatedException.class);
        assertThatThrownBy(() -> new LittleEndianReader(HEX.parseHex("0500616263")).bytes())
                .hasMessageContaining("needs 5 bytes");
    }

    @Test
    void zlibIsRfc1950AtTheDefaultLevelAndBounded() throws Exception {
        byte[] z = Zlib.compress("hello hello hello".getBytes());
        assertThat(HEX.formatHex(z, 0, 2)).isEqualTo("789c"); // zlib header, default compression
        assertThat(new String(Zlib.decompress(z, 100))).isEqualTo("hello hello hello");
        assertThatThrownBy(() -> Zlib.decompress(z, 10)).isInstanceOf(DataFormatException.class);
        assertThatThrownBy(() -> Zlib.decompress(java.util.Arrays.copyOf(z, z.length - 6), 100))
                .isInstanceOf(DataFormatException.class);
        byte[] big = new byte[20_000];
        new java.util.Random(1).nextBytes(big); // larger than the scratch buffer: the slow path
        assertThat(Zlib.decompress(Zlib.compress(big), 30_000)).isEqualTo(big);
    }

    @Test
    void hmacSha256MatchesRfc4231Case2() {
        byte[] mac = Hmac.sha256("Jefe".getBytes(), "what do ya want for nothing?".getBytes());
        assertThat(HEX.formatHex(mac)).isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }
}
