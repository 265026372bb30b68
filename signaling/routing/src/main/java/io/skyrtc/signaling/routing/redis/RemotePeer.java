package io.skyrtc.signaling.routing.redis;

import io.skyrtc.signaling.room.PeerLink;
import io.skyrtc.signaling.room.Room;
import java.nio.charset.StandardCharsets;

/**
 * On the owner node, a peer whose socket is on another (edge) node: to the room actor it is a
 * {@link PeerLink} like any other; what the room sends it goes over the edge node's channel, stamped
 * with this room's fence so the edge can refuse a stale owner.
 */
final class RemotePeer implements PeerLink {
    final String edge;
    final String session;
    final String room;
    final long fence;
    private final RedisRouting routing;
    /** The room its frames go to: the one its join was told to, then the one it attached to. */
    volatile Room target;
    /** The room moved away (or this link was replaced): nothing more goes to the edge. */
    volatile boolean silenced;
    /**
     * Client messages from the edge were lost on the way (this node's channel moved to another cluster
     * master): none is taken until the session attached again, so the edge re-sends all after the last taken.
     */
    volatile boolean messagesLost;
    /** Highest client message seq handled (the pub/sub thread writes it; the ack timer reads it). */
    volatile long handledSeq;
    long ackedSeq;
    /**
     * handledSeq as the last ack ticks saw it: a message is acknowledged only once it arrived a few
     * ticks ago, so it has surely left the room's mailbox (and been relayed) before the edge forgets it.
     */
    final long[] seenByTick = new long[Watchdog.ACK_DELAY_TICKS];
    int tick;

    RemotePeer(String edge, String session, String room, long fence, RedisRouting routing) {
        this.edge = edge;
        this.session = session;
        this.room = room;
        this.fence = fence;
        this.routing = routing;
    }

    String key() {
        return edge + "/" + session;
    }

    @Override
    public void send(byte[] frame) {
        if (!silenced) {
            routing.toEdge(this, 'S', frame);
        }
    }

    /** The owner's draining is not the edge's (where this peer's socket is): the edge tells its own. */
    @Override
    public void draining(byte[] notice) {}

    @Override
    public void close(int code, String reason) {
        if (!silenced) {
            routing.toEdge(this, 'C', (code + "\n" + reason).getBytes(StandardCharsets.UTF_8));
        }
        routing.forget(this);
    }

    @Override
    public void attached(Room room, String peerId) {
        target = room;
        if (!silenced) {
            routing.toEdge(this, 'A', peerId.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Override
    public void joinRejected(Room room) {
        if (!silenced) {
            routing.toEdge(this, 'X', new byte[0]);
        }
        routing.forget(this);
    }
}
