package io.skyrtc.signaling.skynet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Wire fixtures for skynet's 2-byte big-endian gate framing. */
class GateFramesTest {
    static final HexFormat HEX = HexFormat.of();

    @Test
    void framesWithABigEndianLength() throws Exception {
        byte[] ack = "{\"name\":\"ack\",\"data\":{\"seq\":7}}".getBytes(StandardCharsets.UTF_8);
        assertThat(HEX.formatHex(GateFrames.frame(ack))).isEqualTo(
                "001f" + "7b226e616d65223a2261636b222c2264617461223a7b22736571223a377d7d");
        assertThat(HEX.formatHex(GateFrames.frame(new byte[0]))).isEqualTo("0000");
        assertThat(HEX.formatHex(GateFrames.frame(new byte[300]), 0, 2)).isEqualTo("012c");
    }

    @Test
    void theLargestPacketFitsAndOneByteMoreIsRefused() throws Exception {
        byte[] max = GateFrames.frame(new byte[65_535]);
        assertThat(max.length).isEqualTo(65_537);
        assertThat(HEX.formatHex(max, 0, 2)).isEqualTo("ffff");
        assertThatThrownBy(() -> GateFrames.frame(new byte[65_536])).isInstanceOf(GateFrames.TooLarge.class)
                .hasMessageContaining("65536");
    }

    @Test
    void readsBackToBackPacketsAndTellsACleanEndFromATornOne() throws Exception {
        ByteArrayInputStream in = new ByteArrayInputStream(HEX.parseHex("0002616200000001ff"));
        assertThat(GateFrames.read(in)).isEqualTo("ab".getBytes(StandardCharsets.UTF_8));
        assertThat(GateFrames.read(in)).isEmpty();
        assertThat(GateFrames.read(in)).containsExactly((byte) 0xff);
        assertThat(GateFrames.read(in)).isNull();
        assertThatThrownBy(() -> GateFrames.read(new ByteArrayInputStream(HEX.parseHex("00")))).isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> GateFrames.read(new ByteArrayInputStream(HEX.parseHex("000561")))).isInstanceOf(EOFException.class)
                .hasMessageContaining("1 of 5");
    }
}
