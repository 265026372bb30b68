package io.skyrtc.signaling.ws;

import io.skyrtc.signaling.limits.TokenBucket;
import io.skyrtc.signaling.auth.JoinAuthorizer;
import io.skyrtc.signaling.auth.TokenException;
import io.skyrtc.signaling.protocol.ClientMessage;
import io.skyrtc.signaling.protocol.CloseCodes;
import io.skyrtc.signaling.protocol.ErrorCode;
import io.skyrtc.signaling.protocol.ProtocolException;
import io.skyrtc.signaling.protocol.ServerMessage;
import io.skyrtc.signaling.room.PeerLink;
import io.skyrtc.signaling.room.Room;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.exceptions.MessageTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: the gate that turns text frames into room messages. Reads arrive one at a
 * time on Jetty's thread; room callbacks ({@link #attached}, {@link #joinRejected}) arrive on the
 * room's thread, hence the volatile fields.
 */
public final class SignalingSocket implements Session.Listener.AutoDemanding, PeerLink, ClientMessage.Visitor<Void> {
    private static final Logger LOG = LoggerFactory.getLogger(SignalingSocket.class);

    private final GateContext gate;
    private final TokenBucket bucket;
    private final AtomicInteger outstanding = new AtomicInteger();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final Callback sent = Callback.from(outstanding::decrementAndGet, t -> outstanding.decrementAndGet());
    private volatile Session session;
    /**
     * The room the join was sent to, set before the room answers: later frames queue behind the
     * join in the same mailbox, so they are handled after it, in order. Null before join or after
     * a refusal.
     */
    private volatile Room room;
    private volatile String peerId;
    private volatile boolean joinSent;

    SignalingSocket(GateContext gate) {
        this.gate = gate;
        this.bucket = new TokenBucket(gate.limits().ratePerSecond(), gate.limits().rateBurst(), System.nanoTime());
    }

    @Override
    public void onWebSocketOpen(Session session) {
        this.session = session;
        gate.metrics().connections.incrementAndGet();
    }

    @Override
    public void onWebSocketText(String text) {
        if (!bucket.tryTake(System.nanoTime())) {
            gate.metrics().rateLimitCloses.increment();
            closeOnce(CloseCodes.POLICY_VIOLATION, "rate-limit");
            return;
        }
        ClientMessage message;
        try {
            message = gate.codec().decode(text);
        } catch (ProtocolException e) {
            sendError(e.toError());
            return;
        }
        message.accept(this);
    }

    // ---- client messages (exhaustive via the visitor) ----

    @Override
    public Void join(ClientMessage.Join m) {
        if (joinSent) {
            sendError(new ServerMessage.Error(ErrorCode.ALREADY_JOINED,
                    "this connection already joined; open a new one for another room", m.id()));
            return null;
        }
        if (m.resume() != null) {
            joinSent = true;
            room = gate.rooms().resume(this, m);
            if (room == null) {
                joinSent = false;
                sendError(new ServerMessage.Error(ErrorCode.RESUME_INVALID,
                        "resume token unknown, used or expired", m.id()));
            }
            return null;
        }
        JoinAuthorizer.Authorized who;
        try {
            who = gate.authorizer().authorize(m);
        } catch (TokenException e) {
            sendError(new ServerMessage.Error(e.code(), e.getMessage(), m.id()));
            return null;
        }
        joinSent = true;
        room = gate.rooms().join(this, m, who.identity(), who.grants());
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
    public Void leave(ClientMessage.Leave m) {
        return toRoom(m);
    }

    @Override
    public Void ping(ClientMessage.Ping m) {
        sendText(gate.codec().encode(new ServerMessage.Pong(m.id())));
        return null;
    }

    private Void toRoom(ClientMessage m) {
        Room r = room;
        if (r == null) {
            sendError(new ServerMessage.Error(ErrorCode.NOT_JOINED, "send join first", m.id()));
        } else {
            gate.rooms().fromPeer(r, this, m);
        }
        return null;
    }

    // ---- PeerLink: called by the room ----

    @Override
    public void attached(Room room, String peerId) {
        this.room = room;
        this.peerId = peerId;
    }

    @Override
    public void joinRejected(Room room) {
        this.room = null;
        this.joinSent = false;
    }

    @Override
    public void sendText(String text) {
        Session s = session;
        if (s == null || closing.get()) {
            return;
        }
        if (outstanding.incrementAndGet() > gate.limits().outboundQueueMax()) {
            outstanding.decrementAndGet();
            gate.metrics().slowConsumerCloses.increment();
            LOG.warn("closing slow consumer {} (peer {}): more than {} frames queued",
                    s.getRemoteSocketAddress(), peerId, gate.limits().outboundQueueMax());
            closeOnce(CloseCodes.TRY_AGAIN_LATER, "slow-consumer");
            // a consumer that stopped reading will never read the close frame either
            s.disconnect();
            return;
        }
        s.sendText(text, sent);
    }

    @Override
    public void close(int code, String reason) {
        closeOnce(code, reason);
    }

    private void closeOnce(int code, String reason) {
        Session s = session;
        if (s != null && closing.compareAndSet(false, true)) {
            s.close(code, reason, Callback.NOOP);
        }
    }

    private void sendError(ServerMessage.Error error) {
        gate.metrics().protocolErrors.increment();
        sendText(gate.codec().encode(error));
    }

    // ---- socket end ----

    @Override
    public void onWebSocketError(Throwable cause) {
        if (cause instanceof MessageTooLargeException) {
            gate.metrics().oversizeCloses.increment();
        } else {
            LOG.debug("websocket error (peer {}): {}", peerId, cause.toString());
        }
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        gate.metrics().connections.decrementAndGet();
        closing.set(true);
        Room r = room;
        if (r != null) {
            gate.rooms().disconnected(r, this);
        }
    }
}
