package io.skyrtc.signaling.routing.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.skyrtc.signaling.protocol.ClientMessage;
import io.skyrtc.signaling.protocol.ErrorCode;
import io.skyrtc.signaling.protocol.ProtocolCodec;
import io.skyrtc.signaling.protocol.ServerMessage;
import io.skyrtc.signaling.room.PeerLink;
import io.skyrtc.signaling.room.Room;
import io.skyrtc.signaling.room.RoomRegistry;
import java.nio.charset.StandardCharsets;

/**
 * The owner's side of the node-to-node messages: a client on another node joins, resumes, sends or
 * leaves a room this node owns. Everything arrives on the subscriber thread in the order it was sent, and
 * is told to the room actor as a local socket's frames would be. A join or resume for a room this node
 * does not own (any more, or with another fence) is refused with {@code not-owner}: the edge routes again.
 */
final class OwnerSide {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(OwnerSide.class);
    private final RedisRouting r;
    private final RoomRegistry registry;
    private final ProtocolCodec codec;
    private final ObjectMapper json;

    OwnerSide(RedisRouting routing, RoomRegistry registry, ProtocolCodec codec) {
        this.r = routing;
        this.registry = registry;
        this.codec = codec;
        this.json = codec.mapper();
    }

    /** On the owner, from a client on another node; handled on the subscriber thread, in the order sent. */
    void fromEdge(Envelope e) throws Exception {
        String key = e.from() + "/" + e.session();
        switch (e.type()) {
            case 'M' -> {
                RemotePeer p = r.remotePeers.get(key);
                int nl = indexOf(e.body(), (byte) '\n');
                long seq = Long.parseLong(new String(e.body(), 0, nl, StandardCharsets.US_ASCII));
                if (p == null || seq <= p.handledSeq || r.handingOver.contains(p.room) || p.messagesLost) {
                    return;  // already handled (re-sent after a move), the peer is gone, the room moves, or a gap
                }
                p.handledSeq = seq;
                ClientMessage m = codec.decode(e.body(), nl + 1, e.body().length - nl - 1);
                Room target = p.target;
                if (target != null) {
                    registry.fromPeer(target, p, m);
                }
            }
            case 'D' -> {
                RemotePeer p = r.remotePeers.remove(key);
                if (p != null && p.target != null) {
                    registry.disconnected(p.target, p);
                }
            }
            default -> attachFromEdge(e, key);
        }
    }

    private void attachFromEdge(Envelope e, String key) throws Exception {
        byte[] body = e.body();
        int nl = e.type() == 'J' ? indexOf(body, (byte) '\n') : -1;
        ClientMessage.Join join = (ClientMessage.Join) codec.decode(body, nl + 1, body.length - nl - 1);
        Owner o = r.owned.get(join.room());
        if (o == null || o.fence() != e.fence() || r.handingOver.contains(join.room())) {
            r.publish(e.from(), new Envelope('X', r.nodeId, e.session(), e.fence(), RedisRouting.bytes("not-owner")));
            return;
        }
        RemotePeer p = new RemotePeer(e.from(), e.session(), join.room(), o.fence(), r);
        RemotePeer before = r.remotePeers.put(key, p);
        if (before != null) {
            before.silenced = true;  // the same session attaching again (after Redis came back)
            p.handledSeq = before.handledSeq;
        }
        if (e.type() == 'J') {
            JsonNode meta = json.readTree(new String(body, 0, nl, StandardCharsets.UTF_8));
            ServerMessage.Grants grants = json.treeToValue(meta.get("grants"), ServerMessage.Grants.class);
            JsonNode exp = meta.path("exp");
            p.target = registry.joinHere(p, join, meta.path("identity").asText(null), grants,
                    exp.isNumber() ? java.time.Instant.ofEpochMilli(exp.asLong()) : null,
                    meta.hasNonNull("tokenMeta") ? meta.get("tokenMeta") : null);
        } else {
            p.target = registry.resumeFromElsewhere(p, join);
            if (p.target == null) {
                r.remotePeers.remove(key, p);
                r.publish(e.from(), new Envelope('X', r.nodeId, e.session(), e.fence(), RedisRouting.bytes("resume-invalid")));
            }
        }
    }

    /**
     * A join that reached a room of this node after the room closed (its empty timer, just before): routed
     * again on a thread of its own (routing may ask Redis; the caller is the closed room's actor). An edge's
     * join is refused ({@code unavailable}): its client joins again through its own node's routing.
     */
    void joinAgain(PeerLink socket, Runnable join, ClientMessage.Join message) {
        if (socket instanceof RemotePeer) {
            refuseClosed(socket, message);
            return;
        }
        Thread t = new Thread(() -> {
            try {
                join.run();
            } catch (RuntimeException e) {
                LOG.warn("join for room {} could not be routed again: {}", message.room(), e.toString());
                refuseClosed(socket, message);
            }
        }, "rejoin-" + message.room());
        t.setDaemon(true);
        t.start();
    }

    private void refuseClosed(PeerLink socket, ClientMessage.Join message) {
        socket.send(r.wire.encodeError(ErrorCode.UNAVAILABLE, "the room closed as this join arrived; retry", message.id()));
        socket.joinRejected(null);
    }

    static int indexOf(byte[] b, byte c) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        throw new IllegalArgumentException("no separator");
    }
}
