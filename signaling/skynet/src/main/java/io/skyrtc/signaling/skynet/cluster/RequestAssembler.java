package io.skyrtc.signaling.skynet.cluster;

import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns one connection's request packets into whole requests. Large messages are joined per session:
 * their parts may be interleaved with other sessions' packets (skynet writes them on a low-priority
 * queue). A trace tag is attached to the next request or header and otherwise ignored.
 */
final class RequestAssembler {
    /**
     * A whole request. {@code body} is null when a large message's parts did not add up to its header,
     * or when it was over the size limit: skynet answers "Invalid large req"; {@code problem} says which.
     */
    record Request(ClusterAddress address, int session, byte[] body, boolean push, String problem) {}

    private static final class Partial {
        final RequestPacket.LargeHeader header;
        final ByteArrayOutputStream bytes;
        boolean overLimit;

        Partial(RequestPacket.LargeHeader header, int expected) {
            this.header = header;
            this.bytes = new ByteArrayOutputStream(expected);
        }
    }

    private final Map<Integer, Partial> partial = new HashMap<>();
    private final int maxMessageBytes;

    RequestAssembler(int maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
    }

    /** A whole request, or null while a large message is incomplete (or for a trace tag). */
    Request feed(RequestPacket packet) throws ClusterProtocolException {
        if (packet instanceof RequestPacket.Message m) {
            return new Request(m.address(), m.session(), m.body(), m.session() == 0, null);
        }
        if (packet instanceof RequestPacket.LargeHeader h) {
            boolean over = h.total() > maxMessageBytes;
            Partial p = new Partial(h, over ? 0 : (int) h.total());
            p.overLimit = over;
            partial.put(h.session(), p);
            return null;
        }
        if (packet instanceof RequestPacket.Part part) {
            Partial p = partial.get(part.session());
            if (p == null) {
                throw new ClusterProtocolException("a part for session " + part.session() + " without a header");
            }
            if (!p.overLimit) {
                p.bytes.write(part.chunk(), 0, part.chunk().length);
                p.overLimit = p.bytes.size() > maxMessageBytes;
            }
            if (!part.last()) {
                return null;
            }
            partial.remove(part.session());
            RequestPacket.LargeHeader h = p.header;
            if (p.overLimit) {
                return new Request(h.address(), h.session(), null, h.push(),
                        "message of " + h.total() + " bytes is over this node's limit of " + maxMessageBytes);
            }
            if (p.bytes.size() != h.total()) {
                return new Request(h.address(), h.session(), null, h.push(), "Invalid large req");
            }
            return new Request(h.address(), h.session(), p.bytes.toByteArray(), h.push(), null);
        }
        return null;  // trace: logged by skynet, ignored here
    }

    /** Large messages still waiting for parts. */
    int pending() {
        return partial.size();
    }
}
