package io.skyrtc.signaling.ws;

import io.skyrtc.signaling.auth.JoinAuthorizer;
import io.skyrtc.signaling.auth.TokenException;
import io.skyrtc.signaling.limits.TokenBucket;
import io.skyrtc.signaling.protocol.ClientMessage;
import io.skyrtc.signaling.protocol.CloseCodes;
import io.skyrtc.signaling.protocol.ErrorCode;
import io.skyrtc.signaling.protocol.ProtocolException;
import io.skyrtc.signaling.protocol.ServerMessage;
import io.skyrtc.signaling.room.PeerLink;
import io.skyrtc.signaling.room.Room;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.exception.MessageTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: the gate that turns text frames into room messages. It sits on Jetty's
 * WebSocket core, so a frame's payload goes from the network buffer to the JSON parser as bytes and
 * every reply is one pre-encoded UTF-8 array. Frames arrive one at a time on the reading thread; room
 * callbacks ({@link #attached}, {@link #joinRejected}) arrive on the room's thread, hence the volatile
 * fields.
 */
public final class SignalingSocket implements FrameHandler, PeerLink, ClientMessage.Visitor<Void> {
    private static final Logger LOG = LoggerFactory.getLogger(SignalingSocket.class);

    private final GateContext gate;
    private final TokenBucket bucket;
    private final TextAssembler text;
    private final AtomicInteger outstanding = new AtomicInteger();
    private final AtomicBoolean closing = new AtomicBoolean();
    /** Set while frames sit in Jetty's batch buffer waiting for a reading thread's flush. */
    private final AtomicBoolean flushPending = new AtomicBoolean();
    private final Callback sent = Callback.from(outstanding::decrementAndGet, t -> outstanding.decrementAndGet());
    private volatile CoreSession session;
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
        this.text = new TextAssembler(gate.limits().maxFrameBytes());
    }

    // ---- frames in ----

    @Override
    public void onOpen(CoreSession coreSession, Callback callback) {
        this.session = coreSession;
        gate.metrics().connections.incrementAndGet();
        callback.succeeded();
        coreSession.demand();
    }

    @Override
    public void onFrame(Frame frame, Callback callback) {
        OutboundBatch batch = OutboundBatch.current();
        batch.reading();
        try {
            switch (frame.getOpCode()) {
                case OpCode.TEXT, OpCode.CONTINUATION, OpCode.BINARY -> onDataFrame(frame);
                default -> {
                    // PING is answered and CLOSE completed by Jetty once the callback succeeds
                }
            }
        } catch (RuntimeException | StackOverflowError | AssertionError e) {
            LOG.error("failed on a frame from peer {}", peerId, e);
            internalError();
        } finally {
            callback.succeeded();
            CoreSession s = session;
            if (frame.getOpCode() == OpCode.CLOSE || !s.isInputOpen()) {
                // Jetty stops reading here, so no later read would flush for us
                batch.flush();
            } else {
                demand(s);
            }
        }
    }

    private static void demand(CoreSession s) {
        try {
            s.demand();
        } catch (IllegalStateException closedMeanwhile) {
            // the session closed between our check and the call; nothing more will be read
        }
    }

    private void onDataFrame(Frame frame) {
        TextAssembler.Result r = text.accept(frame);
        switch (r) {
            case INCOMPLETE -> { }
            case COMPLETE -> {
                try {
                    onText(text.bytes(), text.length());
                } finally {
                    text.release();
                }
            }
            case TOO_LARGE -> {
                gate.metrics().oversizeCloses.increment();
                closeOnce(CloseCodes.TOO_BIG, "message larger than " + gate.limits().maxFrameBytes() + " bytes");
            }
            case BINARY -> closeOnce(CloseCodes.UNSUPPORTED_DATA, "text frames only");
            case BAD_SEQUENCE -> closeOnce(CloseCodes.PROTOCOL_ERROR, "continuation without a message");
        }
    }

    /** One whole message; {@code utf8} is only valid during this call (see {@link TextAssembler}). */
    private void onText(byte[] utf8, int length) {
        if (!bucket.tryTake(System.nanoTime())) {
            gate.metrics().rateLimitCloses.increment();
            closeOnce(CloseCodes.POLICY_VIOLATION, "rate-limit");
            return;
        }
        if (!Utf8.isValid(utf8, 0, length)) {
            closeOnce(CloseCodes.BAD_DATA, "invalid UTF-8");
            return;
        }
        ClientMessage message;
        try {
            message = gate.codec().decode(utf8, 0, length);
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
        room = gate.rooms().join(this, who.join(), who.identity(), who.grants(), who.tokenExpiresAt());
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
        send(gate.codec().encode(new ServerMessage.Pong(m.id())));
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
    public void send(byte[] frame) {
        CoreSession s = session;
        if (s == null || closing.get()) {
            return;
        }
        if (outstanding.incrementAndGet() > gate.limits().outboundQueueMax()) {
            outstanding.decrementAndGet();
            gate.metrics().slowConsumerCloses.increment();
            LOG.warn("closing slow consumer {} (peer {}): more than {} frames queued",
                    s.getRemoteAddress(), peerId, gate.limits().outboundQueueMax());
            closeOnce(CloseCodes.TRY_AGAIN_LATER, "slow-consumer");
            // a consumer that stopped reading will never read the close frame either
            s.abort();
            return;
        }
        OutboundBatch batch = OutboundBatch.current();
        boolean batched = batch.isReading();
        s.sendFrame(new Frame(OpCode.TEXT, ByteBuffer.wrap(frame)), sent, batched);
        // enqueue first, then mark: a flush that clears the mark after this point covers this frame
        if (batched && flushPending.compareAndSet(false, true)) {
            batch.add(this);
        }
    }

    /** Writes what this connection's batch buffer holds (called by the reading thread's batch). */
    void flushBatch() {
        flushPending.set(false);
        CoreSession s = session;
        if (s != null) {
            s.flush(Callback.NOOP);
        }
    }

    @Override
    public void close(int code, String reason) {
        closeOnce(code, reason);
    }

    private void closeOnce(int code, String reason) {
        CoreSession s = session;
        if (s != null && closing.compareAndSet(false, true)) {
            s.close(code, reason, Callback.NOOP);
        }
    }

    /** A bug of ours still gets an answer; the details stay in the log. */
    private void internalError() {
        try {
            sendError(new ServerMessage.Error(ErrorCode.INTERNAL, "internal error", null));
        } catch (RuntimeException e) {
            LOG.debug("could not report an internal error to peer {}", peerId, e);
        }
    }

    private void sendError(ServerMessage.Error error) {
        gate.metrics().protocolErrors.increment();
        send(gate.codec().encode(error));
    }

    // ---- socket end ----

    @Override
    public void onError(Throwable cause, Callback callback) {
        if (cause instanceof MessageTooLargeException) {
            gate.metrics().oversizeCloses.increment();
        } else {
            LOG.debug("websocket error (peer {}): {}", peerId, cause.toString());
        }
        OutboundBatch.current().flush();
        callback.succeeded();
    }

    @Override
    public void onClosed(CloseStatus closeStatus, Callback callback) {
        gate.metrics().connections.decrementAndGet();
        closing.set(true);
        Room r = room;
        if (r != null) {
            gate.rooms().disconnected(r, this);
        }
        OutboundBatch.current().flush();
        callback.succeeded();
    }
}
