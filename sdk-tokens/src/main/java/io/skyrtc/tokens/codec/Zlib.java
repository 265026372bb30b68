package io.skyrtc.tokens.codec;

import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * RFC 1950 zlib at the default level — the bytes java.util.zip.Deflater produces, which is what the
 * official Java token libraries emit. One Deflater/Inflater per thread: creating them allocates native
 * zlib state and dominates the cost of a token.
 */
public final class Zlib {
    private static final ThreadLocal<Deflater> DEFLATER = ThreadLocal.withInitial(Deflater::new);
    private static final ThreadLocal<Inflater> INFLATER = ThreadLocal.withInitial(Inflater::new);
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[4096]);

    private Zlib() {
    }

    public static byte[] compress(byte[] data) {
        Deflater deflater = DEFLATER.get();
        deflater.reset();
        deflater.setInput(data);
        deflater.finish();
        byte[] scratch = SCRATCH.get();
        ByteArrayOutputStream out = null;
        int n = 0;
        while (!deflater.finished()) {
            int len = deflater.deflate(scratch, n, scratch.length - n);
            n += len;
            if (n == scratch.length) {
                if (out == null) {
                    out = new ByteArrayOutputStream(scratch.length * 2);
                }
                out.write(scratch, 0, n);
                n = 0;
            }
        }
        if (out == null) {
            return java.util.Arrays.copyOf(scratch, n);
        }
        out.write(scratch, 0, n);
        return out.toByteArray();
    }

    /** Inflates at most {@code maxBytes}; more, or a corrupt stream, throws. */
    public static byte[] decompress(byte[] data, int maxBytes) throws DataFormatException {
        Inflater inflater = INFLATER.get();
        inflater.reset();
        inflater.setInput(data);
        byte[] scratch = SCRATCH.get();
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxBytes, data.length * 4));
        while (!inflater.finished()) {
            int len = inflater.inflate(scratch);
            if (len == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                throw new DataFormatException("truncated zlib stream");
            }
            out.write(scratch, 0, len);
            if (out.size() > maxBytes) {
                throw new DataFormatException("inflates to more than " + maxBytes + " bytes");
            }
        }
        return out.toByteArray();
    }
}
