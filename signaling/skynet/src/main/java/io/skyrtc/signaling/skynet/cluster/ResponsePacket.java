package io.skyrtc.signaling.skynet.cluster;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * One payload of the response direction (receiver → sender): {@code session:u32le type:u8 data}.
 * Types: 0 error (raw text), 1 ok (body), 2 large ok begins (total:u32le), 3 part, 4 last part.
 */
public sealed interface ResponsePacket {
    int session();

    record Error(int session, byte[] text) implements ResponsePacket {}

    record Ok(int session, byte[] body) implements ResponsePacket {}

    record Begin(int session, long total) implements ResponsePacket {}

    record Part(int session, byte[] chunk, boolean last) implements ResponsePacket {}

    static ResponsePacket decode(byte[] p) throws ClusterProtocolException {
        if (p.length < 5) {
            throw new ClusterProtocolException("response packet of " + p.length + " bytes is shorter than 5");
        }
        ByteBuffer b = ByteBuffer.wrap(p).order(ByteOrder.LITTLE_ENDIAN);
        int session = b.getInt(0);
        byte[] data = Arrays.copyOfRange(p, 5, p.length);
        return switch (p[4]) {
            case 0 -> new Error(session, data);
            case 1 -> new Ok(session, data);
            case 2 -> {
                if (p.length != 9) {
                    throw new ClusterProtocolException("large response begin must be 9 bytes, got " + p.length);
                }
                yield new Begin(session, b.getInt(5) & 0xffff_ffffL);
            }
            case 3 -> new Part(session, data, false);
            case 4 -> new Part(session, data, true);
            default -> throw new ClusterProtocolException("unknown response packet type " + (p[4] & 0xff));
        };
    }

    default byte[] encode() {
        byte[] data;
        int type;
        if (this instanceof Error e) {
            type = 0;
            data = e.text();
        } else if (this instanceof Ok ok) {
            type = 1;
            data = ok.body();
        } else if (this instanceof Begin begin) {
            type = 2;
            data = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) begin.total()).array();
        } else {
            Part part = (Part) this;
            type = part.last() ? 4 : 3;
            data = part.chunk();
        }
        return ByteBuffer.allocate(5 + data.length).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(session()).put((byte) type).put(data).array();
    }
}
