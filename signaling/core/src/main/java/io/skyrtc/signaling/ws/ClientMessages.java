package io.skyrtc.signaling.ws;

import io.skyrtc.signaling.auth.JoinAuthorizer;
import io.skyrtc.signaling.auth.TokenException;
import io.skyrtc.signaling.protocol.ClientMessage;
import io.skyrtc.signaling.protocol.ErrorCode;
import io.skyrtc.signaling.protocol.ServerMessage;
import io.skyrtc.signaling.room.Room;

/**
 * A connection's client messages, each turned into its room command (exhaustive via the visitor), and
 * the join's state. Messages arrive on the connection's reading thread; {@link #attached} and
 * {@link #rejected} on the room's, hence the volatile fields.
 */
final class ClientMessages implements ClientMessage.Visitor<Void> {
    private final SignalingSocket socket;
    private final EndpointContext endpoint;
    /** The client's address, for the event log. */
    private final String client;
    /**
     * The room the join was sent to, set before the room answers: later frames queue behind the
     * join in the same mailbox, so they are handled after it, in order. Null before join or after
     * a refusal.
     */
    private volatile Room room;
    private volatile String peerId;
    private volatile boolean joinSent;
    /** When the pending join arrived (System.nanoTime), 0 when none is pending: the join latency metric. */
    private volatile long joinArrivedNanos;

    ClientMessages(SignalingSocket socket, EndpointContext endpoint, String client) {
        this.socket = socket;
        this.endpoint = endpoint;
        this.client = client;
    }

    /** The room this connection joined or is joining; null before join or after a refusal. */
    Room room() {
        return room;
    }

    /** Null until welcomed. */
    String peerId() {
        return peerId;
    }

    /** The room welcomed this connection as {@code peerId}. */
    void attached(Room room, String peerId) {
        this.room = room;
        this.peerId = peerId;
        joinAnswered();
    }

    /** The room refused the join: another may be sent. */
    void rejected() {
        this.room = null;
        this.joinSent = false;
        joinAnswered();
    }

    @Override
    public Void join(ClientMessage.Join m) {
        if (joinSent) {
            socket.sendError(new ServerMessage.Error(ErrorCode.ALREADY_JOINED,
                    "this connection already joined; open a new one for another room", m.id()));
            return null;
        }
        if (m.resume() != null) {
            joinSent = true;
            room = endpoint.rooms().resume(socket, m);
            if (room == null) { // refused, and told why (resume-invalid, unavailable, server-shutdown) where decided
                joinSent = false;
            }
            return null;
        }
        JoinAuthorizer.Authorized who;
        try {
            who = endpoint.authorizer().authorize(m);
        } catch (TokenException e) {
            io.skyrtc.signaling.logs.EventLog.info("refused", "room", m.room(), "ip", client, "code", e.code().wire());
            socket.sendError(new ServerMessage.Error(e.code(), e.getMessage(), m.id()));
            return null;
        }
        joinSent = true;
        joinArrivedNanos = System.nanoTime();
        room = endpoint.rooms().join(socket, who.join(), who.identity(), who.grants(), who.tokenExpiresAt(),
                who.tokenMeta());
        return null;
    }

    @Override
    public Void offer(ClientMessage.Offer m) {
        return toRoom(m);
    }

    @Override
    public Void answer(ClientMessage.Answer m) {
        return toRoom(m);
    }

    @Override
    public Void candidate(ClientMessage.Candidate m) {
        return toRoom(m);
    }

    @Override
    public Void data(ClientMessage.Data m) {
        return toRoom(m);
    }

    @Override
    public Void update(ClientMessage.Update m) {
        return toRoom(m);
    }

    @Override
    public Void leave(ClientMessage.Leave m) {
        return toRoom(m);
    }

    @Override
    public Void ping(ClientMessage.Ping m) {
        socket.send(endpoint.codec().encode(new ServerMessage.Pong(m.id())));
        return null;
    }

    private Void toRoom(ClientMessage m) {
        Room r = room;
        if (r == null) {
            socket.sendError(new ServerMessage.Error(ErrorCode.NOT_JOINED, "send join first", m.id()));
        } else {
            endpoint.rooms().fromPeer(r, socket, m);
        }
        return null;
    }

    private void joinAnswered() {
        long arrived = joinArrivedNanos;
        if (arrived != 0) {
            joinArrivedNanos = 0;
            endpoint.metrics().joinLatency.record(System.nanoTime() - arrived, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }
}
