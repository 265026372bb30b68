package io.skyrtc.signaling.skynet;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * A byte stream from a skynet gate, read packet by packet with {@link GateFrames#read}: every payload
 * framed again is exactly the bytes it was read from, a clean end comes only between packets, and the
 * only failure is an EOFException for a stream that really ends inside a packet. The stream arrives in
 * pieces of 1..8 bytes (the first input byte picks the size), as a socket may deliver it.
 */
class GateFramesFuzzTest {

    @FuzzTest
    void readSplitsAStreamIntoTheFramesItWasMadeOf(byte[] input) throws IOException {
        if (input.length == 0) {
            return;
        }
        int piece = 1 + (input[0] & 7);
        byte[] stream = Arrays.copyOfRange(input, 1, input.length);
        InputStream in = new Trickle(stream, piece);
        int consumed = 0;
        while (true) {
            byte[] payload;
            try {
                payload = GateFrames.read(in);
            } catch (EOFException truncated) {
                int rest = stream.length - consumed;
                assertThat(rest).as("bytes after the last whole packet").isPositive();
                if (rest >= 2) {
                    int length = ((stream[consumed] & 0xff) << 8) | (stream[consumed + 1] & 0xff);
                    assertThat(rest - 2).as("payload bytes present").isLessThan(length);
                }
                return;
            }
            if (payload == null) {
                assertThat(consumed).as("a clean end only between packets").isEqualTo(stream.length);
                return;
            }
            byte[] framed = GateFrames.frame(payload);
            assertThat(framed).isEqualTo(Arrays.copyOfRange(stream, consumed, consumed + framed.length));
            consumed += framed.length;
        }
    }

    /** Hands out at most {@code piece} bytes per read, like a socket under load. */
    private static final class Trickle extends InputStream {
        private final byte[] data;
        private final int piece;
        private int at;

        Trickle(byte[] data, int piece) {
            this.data = data;
            this.piece = piece;
        }

        @Override
        public int read() {
            return at < data.length ? data[at++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (at == data.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, piece), data.length - at);
            System.arraycopy(data, at, b, off, n);
            at += n;
            return n;
        }
    }
}
