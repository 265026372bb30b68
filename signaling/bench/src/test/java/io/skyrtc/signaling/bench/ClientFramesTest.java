package io.skyrtc.signaling.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The generator's frames, read back as a server reads them (RFC 6455 section 5.2, client to server). */
class ClientFramesTest {

    /** Unmasks the client frame at {@code buf}'s position and returns its text payload. */
    private static String unmask(ByteBuffer buf) {
        int p = buf.position();
        assertThat(buf.get(p) & 0xFF).as("FIN + text opcode").isEqualTo(0x81);
        int len7 = buf.get(p + 1) & 0x7F;
        assertThat(buf.get(p + 1) & 0x80).as("mask bit").isEqualTo(0x80);
        int header = len7 < 126 ? 2 : len7 == 126 ? 4 : 10;
        long length = len7 < 126 ? len7 : len7 == 126 ? buf.getShort(p + 2) & 0xFFFF : buf.getLong(p + 2);
        assertThat(buf.remaining()).as("whole frame present").isEqualTo((int) (header + 4 + length));
        byte[] out = new byte[(int) length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (buf.get(p + header + 4 + i) ^ buf.get(p + header + (i & 3)));
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    /** The stamped frame alone, as the pacer writes it into its buffer. */
    private static byte[] frameOf(ClientFrames.Stamped stamped, long value) {
        ByteBuffer out = ByteBuffer.allocate(stamped.length());
        stamped.writeTo(out, value);
        assertThat(out.hasRemaining()).as("exactly length() bytes").isFalse();
        return out.array();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 100, 125 - 30, 126 - 30, 1000, 65_535 - 30, 65_536 - 30})
    void stampedFramesCarryTheirValueAtEveryLengthEncoding(int pad) {
        String before = "{\"type\":\"offer\",\"to\":\"p1\",\"sdp\":\"t=";
        String after = ";" + "a".repeat(pad) + "\"}";
        ClientFrames.Stamped stamped = new ClientFrames.Stamped(before, after);
        long[] values = {0, 7, 1_234_567_890_123L, Long.MAX_VALUE};
        for (long v : values) {
            assertThat(unmask(ByteBuffer.wrap(frameOf(stamped, v))))
                    .isEqualTo(before + String.format("%019d", v) + after);
        }
    }

    @Test
    void writeToPutsTheFrameAtTheBuffersPositionAndLeavesTheRest() {
        ClientFrames.Stamped stamped = new ClientFrames.Stamped("t=", ";x");
        ByteBuffer buf = ByteBuffer.allocate(stamped.length() + 20);
        buf.put(new byte[] {1, 2, 3});
        stamped.writeTo(buf, 42);
        assertThat(buf.position()).isEqualTo(3 + stamped.length());
        buf.flip().position(3);
        assertThat(unmask(buf)).isEqualTo("t=0000000000000000042;x");
        assertThat(buf.get(0)).isEqualTo((byte) 1);
        // the template is unchanged by a send: the next value starts from clean digits
        assertThat(unmask(ByteBuffer.wrap(frameOf(stamped, 5)))).isEqualTo("t=0000000000000000005;x");
    }

    @Test
    void plainTextFramesRoundTrip() {
        assertThat(unmask(ByteBuffer.wrap(ClientFrames.text("{\"type\":\"ping\"}")))).isEqualTo("{\"type\":\"ping\"}");
        assertThat(unmask(ByteBuffer.wrap(ClientFrames.text("é".repeat(70))))).isEqualTo("é".repeat(70));
    }
}
