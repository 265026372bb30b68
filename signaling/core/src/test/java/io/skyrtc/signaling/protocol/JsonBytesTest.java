package io.skyrtc.signaling.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The eight-at-a-time scan finds exactly the byte a one-at-a-time loop finds. */
class JsonBytesTest {

    private static int slowly(byte[] b, int from, int to, boolean questionMarks) {
        int i = from;
        while (i < to && !(b[i] < 0x20 || b[i] == '"' || b[i] == '\\' || (questionMarks && b[i] == '?'))) {
            i++;
        }
        return i;
    }

    @Test
    void everySpecialByteAtEveryPositionAndAlignment() {
        byte[] specials = {'"', '\\', '?', 0, 0x1F, 0x0A, (byte) 0x80, (byte) 0xC3, (byte) 0xFF};
        byte[] neighbours = {' ', '!', '#', '[', ']', '>', '@', 0x7F, 'a', '~'};
        for (byte special : specials) {
            for (int len = 0; len <= 24; len++) {
                for (int at = 0; at < len; at++) {
                    for (int from = 0; from <= Math.min(at, 3); from++) {
                        byte[] b = new byte[len];
                        for (int k = 0; k < len; k++) {
                            b[k] = neighbours[(k + at) % neighbours.length];
                        }
                        b[at] = special;
                        for (boolean q : new boolean[] {false, true}) {
                            assertThat(JsonBytes.nextSpecial(b, from, len, q))
                                    .as("byte %02x at %d of %d from %d, ? special: %s", special, at, len, from, q)
                                    .isEqualTo(slowly(b, from, len, q));
                        }
                    }
                }
            }
        }
    }

    @Test
    void randomBuffers() {
        Random r = new Random(3);
        for (int round = 0; round < 20_000; round++) {
            byte[] b = new byte[r.nextInt(64)];
            for (int k = 0; k < b.length; k++) {
                b[k] = r.nextInt(20) == 0 ? (byte) r.nextInt(256) : (byte) (0x20 + r.nextInt(0x60));
            }
            int from = b.length == 0 ? 0 : r.nextInt(b.length);
            int to = from + r.nextInt(b.length - from + 1);
            boolean q = r.nextBoolean();
            assertThat(JsonBytes.nextSpecial(b, from, to, q)).isEqualTo(slowly(b, from, to, q));
        }
    }
}
