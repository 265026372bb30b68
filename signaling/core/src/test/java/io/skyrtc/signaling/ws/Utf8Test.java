package io.skyrtc.signaling.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8Test {
    private static boolean valid(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return Utf8.isValid(b, 0, b.length);
    }

    @Test
    void acceptsWhatJavaEncodes() {
        String s = "plain ascii, é, 中文, emoji 😀, edge \uFFFF and \uD83D\uDE00";
        byte[] b = ("xx" + s + "yy").getBytes(StandardCharsets.UTF_8);
        assertThat(Utf8.isValid(b, 2, b.length - 4)).isTrue();
        assertThat(valid(0xF4, 0x8F, 0xBF, 0xBF)).as("U+10FFFF").isTrue();
    }

    @Test
    void rejectsMalformedSequences() {
        assertThat(valid(0x80)).as("lone continuation").isFalse();
        assertThat(valid(0xC3)).as("truncated 2-byte").isFalse();
        assertThat(valid(0xE4, 0xB8)).as("truncated 3-byte").isFalse();
        assertThat(valid(0xC3, 0x41)).as("bad continuation").isFalse();
        assertThat(valid(0xC0, 0xAF)).as("overlong '/'").isFalse();
        assertThat(valid(0xE0, 0x80, 0xAF)).as("overlong 3-byte").isFalse();
        assertThat(valid(0xF0, 0x80, 0x80, 0xAF)).as("overlong 4-byte").isFalse();
        assertThat(valid(0xED, 0xA0, 0x80)).as("surrogate U+D800").isFalse();
        assertThat(valid(0xF4, 0x90, 0x80, 0x80)).as("U+110000").isFalse();
        assertThat(valid(0xFF)).isFalse();
    }

    @Test
    void findsABadByteAfterLongAsciiRuns() {
        for (int at = 0; at < 40; at++) {
            byte[] b = "0123456789abcdef0123456789abcdef01234567".getBytes(StandardCharsets.US_ASCII);
            b[at] = (byte) 0x80;
            assertThat(Utf8.isValid(b, 0, b.length)).as("bad byte at %d", at).isFalse();
            assertThat(Utf8.isValid(b, at + 1, b.length - at - 1)).isTrue();
        }
    }

    @Test
    void checksOnlyTheGivenRange() {
        byte[] b = {(byte) 0xFF, 'o', 'k', (byte) 0xC3};
        assertThat(Utf8.isValid(b, 1, 2)).isTrue();
        assertThat(Utf8.isValid(b, 1, 3)).isFalse();
    }
}
