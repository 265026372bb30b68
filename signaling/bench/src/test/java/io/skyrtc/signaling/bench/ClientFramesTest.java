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

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 5, 125, 126, 1000, 65_536})
    void remaskedFramesCarryTheSamePayloadUnderAFreshKey(int size) {
        String text = "x".repeat(size);
        byte[] frame = ClientFrames.text(text);
        java.util.Set<Integer> keys = new java.util.HashSet<>();
        for (int i = 0; i < 8; i++) {
            ByteBuffer out = ByteBuffer.allocate(frame.length + 3);
            out.put(new byte[] {9, 9, 9});
            ClientFrames.putRemasked(frame, out);
            out.flip().position(3);
            assertThat(unmask(out)).isEqualTo(text);
            int header = size < 126 ? 2 : size <= 0xFFFF ? 4 : 10;
            keys.add(out.getInt(3 + header));
        }
        // eight fresh random keys: the chance of fewer than two distinct ones is 2^-224
        assertThat(keys).hasSizeGreaterThan(1);
    }

    @Test
    void theBrowserUpgradeCarriesOriginCookiesAndTheDeflateOffer() {
        String h = ClientFrames.browserHandshake("example.org:80", "/ws", "a2V5");
        assertThat(h).startsWith("GET /ws HTTP/1.1\r\n").endsWith("\r\n\r\n")
                .contains("\r\nOrigin: http://example.org:80\r\n", "\r\nSec-WebSocket-Key: a2V5\r\n",
                        "\r\nSec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n", "\r\nCookie: ");
        assertThat(h.length()).as("a browser's upgrade is several hundred bytes").isBetween(600, 1000);
    }
}
