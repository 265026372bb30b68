package io.skyrtc.signaling.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FrameRingTest {
    private static byte[] frame(int length, int seed) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (seed * 31 + i);
        }
        return b;
    }

    @Test
    void keepsNewestFramesInOrderUpToTheFrameCount() {
        FrameRing ring = new FrameRing(3, 1 << 20);
        for (int i = 0; i < 3; i++) {
            assertThat(ring.add(frame(10, i))).isZero();
        }
        assertThat(ring.add(frame(10, 3))).isEqualTo(1);
        assertThat(ring.size()).isEqualTo(3);
        assertThat(ring.newest(3)).containsExactly(frame(10, 1), frame(10, 2), frame(10, 3));
        assertThat(ring.newest(2)).containsExactly(frame(10, 2), frame(10, 3));
        assertThat(ring.newest(0)).isEmpty();
        assertThat(ring.newest(9)).hasSize(3);
    }

    @Test
    void byteBoundAtItsEdgeCountsAHeaderPerFrame() {
        int max = 1024;
        FrameRing ring = new FrameRing(100, max);
        // exactly the bound: kept
        assertThat(ring.add(frame(max - FrameRing.HEADER_BYTES, 1))).isZero();
        assertThat(ring.bytes()).isEqualTo(max);
        // one more byte than the bound: not kept, and nothing older either
        assertThat(ring.add(frame(max - FrameRing.HEADER_BYTES + 1, 2))).isEqualTo(2);
        assertThat(ring.size()).isZero();
        assertThat(ring.bytes()).isZero();
        // two frames that fill the bound exactly, then one byte more pushes the oldest out
        int half = max / 2 - FrameRing.HEADER_BYTES;
        assertThat(ring.add(frame(half, 3))).isZero();
        assertThat(ring.add(frame(half, 4))).isZero();
        assertThat(ring.bytes()).isEqualTo(max);
        assertThat(ring.add(frame(1, 5))).isEqualTo(1);
        assertThat(ring.newest(5)).containsExactly(frame(half, 4), frame(1, 5));
    }

    @Test
    void drainEmptiesAndEmptyFramesSurvive() {
        FrameRing ring = new FrameRing(4, 2048);
        ring.add(new byte[0]);
        ring.add(frame(7, 1));
        assertThat(ring.drain()).containsExactly(new byte[0], frame(7, 1));
        assertThat(ring.size()).isZero();
        assertThat(ring.drain()).isEmpty();
    }

    @Test
    void rejectsBoundsThatHoldNothing() {
        assertThatThrownBy(() -> new FrameRing(0, 1024)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FrameRing(1, FrameRing.HEADER_BYTES)).isInstanceOf(IllegalArgumentException.class);
    }

    /** The ring against a plain deque of whole frames, through growth, wrap-around and eviction. */
    @Test
    void behavesLikeABoundedDequeUnderRandomTraffic() {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            int maxFrames = 1 + random.nextInt(40);
            int maxBytes = 8 + random.nextInt(4000);
            FrameRing ring = new FrameRing(maxFrames, maxBytes);
            ArrayDeque<byte[]> model = new ArrayDeque<>();
            int modelBytes = 0;
            for (int op = 0; op < 500; op++) {
                int choice = random.nextInt(100);
                if (choice < 85) {
                    byte[] f = frame(random.nextInt(random.nextBoolean() ? 64 : maxBytes + 16), op);
                    int dropped = 0;
                    int need = f.length + FrameRing.HEADER_BYTES;
                    if (need > maxBytes) {
                        dropped = model.size() + 1;
                        model.clear();
                        modelBytes = 0;
                    } else {
                        while (!model.isEmpty() && (model.size() >= maxFrames || modelBytes + need > maxBytes)) {
                            modelBytes -= model.poll().length + FrameRing.HEADER_BYTES;
                            dropped++;
                        }
                        model.add(f);
                        modelBytes += need;
                    }
                    assertThat(ring.add(f)).as("dropped, round %d op %d", round, op).isEqualTo(dropped);
                } else if (choice < 95) {
                    int n = random.nextInt(model.size() + 2);
                    List<byte[]> all = new ArrayList<>(model);
                    List<byte[]> expected = all.subList(Math.max(0, all.size() - n), all.size());
                    assertThat(ring.newest(n)).containsExactlyElementsOf(expected);
                } else {
                    assertThat(ring.drain()).containsExactlyElementsOf(new ArrayList<>(model));
                    model.clear();
                    modelBytes = 0;
                }
                assertThat(ring.size()).isEqualTo(model.size());
                assertThat(ring.bytes()).isEqualTo(modelBytes);
            }
        }
    }
}
