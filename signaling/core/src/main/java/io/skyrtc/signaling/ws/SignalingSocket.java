package io.skyrtc.signaling.ws;

import io.micrometer.core.instrument.Counter;
import io.skyrtc.signaling.limits.TokenBucket;
import io.skyrtc.signaling.protocol.ClientMessage;
import io.skyrtc.signaling.protocol.CloseCodes;
import io.skyrtc.signaling.protocol.ErrorCode;
import io.skyrtc.signaling.protocol.ProtocolException;
import io.skyrtc.signaling.protocol.ServerMessage;
import io.skyrtc.signaling.room.PeerLink;
import io.skyrtc.signaling.room.Room;
import java.nio.ByteBuffer;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.exception.MessageTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: the signaling endpoint that turns text frames into room messages. It sits on Jetty's
 * WebSocket core, so a frame's payload goes from the network buffer to the JSON parser as bytes and
 * every reply is one pre-encoded UTF-8 array. Frames arrive one at a time on the reading thread; room
 * callbacks ({@link #attached}, {@link #joinRejected}) arrive on the room's thread. The messages
 * themselves are {@link ClientMessages}' business.
 *
 * <p>Every frame costs rate budget, control frames and fragments included (see {@link #costsToken}),
 * and a connection hands its reading thread back after a {@link ReadTurn}, so one client sending
 * frames as fast as it can neither stalls the others on its selector nor escapes the rate limit.
 */
public final class SignalingSocket implements FrameHandler, PeerLink {
    private static final Logger LOG = LoggerFactory.getLogger(SignalingSocket.class);

    /**
     * Free continuation frames per message, per KiB of {@code limits.maxFrameBytes} (at least 16): Jetty
     * cuts a large frame wherever a socket read ends, which must not cost a client; a token buys few frames.
     */
    static final int FREE_CONTINUATIONS_PER_KIB = 2;
    /** How long a socket the server closed may take to answer the close before its TCP connection is dropped. */
    static final long CLOSE_LINGER_MS = 5_000;

    private final EndpointContext endpoint;
    private final TokenBucket bucket;
    private final TextAssembler text;
    private final OutboundQueue queue;
    private final int freeContinuations;
    private int continuations;  // of the message being read
    private final ConnectionClock clock;
    /** This connection's place in {@code limits.maxConnectionsPerIp}. */
    private final ConnectionsPerAddress.Reservation place;
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile CoreSession session;
    /** The connection is gone (Jetty called {@link #onClosed}). */
    private volatile boolean ended;
    /** What the client sent, turned into room commands; holds the join's state. */
    private final ClientMessages messages;

    /** The client's address (forwarded through server.trustedProxies), for the event log. */
    private final String client;

    SignalingSocket(EndpointContext endpoint, Scheduler scheduler, ConnectionsPerAddress.Reservation place, String client) {
        this.endpoint = endpoint;
        this.client = client;
        this.place = place;
        this.bucket = new TokenBucket(endpoint.limits().ratePerSecond(), endpoint.limits().rateBurst(), System.nanoTime());
        this.text = new TextAssembler(endpoint.limits().maxFrameBytes());
        this.freeContinuations = Math.max(16, FREE_CONTINUATIONS_PER_KIB * (endpoint.limits().maxFrameBytes() / 1024));
        this.queue = new OutboundQueue(endpoint.limits().outboundQueueMax(), endpoint.limits().outboundQueueMaxBytes(),
                endpoint.metrics().outboundQueueBytes);
        this.clock = new ConnectionClock(scheduler, endpoint.limits().joinTimeoutMs(), endpoint.limits().idleTimeoutMs());
        this.messages = new ClientMessages(this, endpoint, client);
        clock.startJoinDeadline(this::joinTimedOut);
    }

    private void joinTimedOut() {
        if (session == null) {
            place.release();  // the upgrade never completed: no onClosed will come
        } else {
            closeOnce(CloseCodes.POLICY_VIOLATION, "join-timeout", endpoint.metrics().joinTimeoutCloses);
        }
    }

    private void idleTimedOut() {
        closeOnce(CloseCodes.GOING_AWAY, "idle-timeout", endpoint.metrics().idleCloses);
    }

    // ---- frames in ----

    @Override
    public void onOpen(CoreSession coreSession, Callback callback) {
        this.session = coreSession;
        endpoint.metrics().connections.incrementAndGet();
        clock.startIdleDeadline(this::idleTimedOut);
        callback.succeeded();
        coreSession.demand();
    }

    @Override
    public void onFrame(Frame frame, Callback callback) {
        OutboundBatch batch = OutboundBatch.current();
        batch.reading();
        boolean keepReading = true;
        try {
            keepReading = handle(frame);
        } catch (Throwable e) {
            LOG.error("failed on a frame from peer {}", messages.peerId(), e);
            internalError();
        } finally {
            callback.succeeded();
            CoreSession s = session;
            if (frame.getOpCode() == OpCode.CLOSE || !s.isInputOpen() || !keepReading) {
                // Jetty stops reading here (or we do), so no later read would flush for us
                batch.flush();
                ReadTurn.current().end();
            } else if (ReadTurn.current().spend(this, System.nanoTime())) {
                demand(s);
            } else {
                // this connection had its turn: the others on this selector are read before its next frame
                batch.flush();
                handBack(s);
            }
        }
    }

    /** Handles one frame; false when nothing more should be read from this connection. */
    private boolean handle(Frame frame) {
        byte op = frame.getOpCode();
        if (op == OpCode.CLOSE) {
            return true;  // Jetty completes the close once the callback succeeds
        }
        if (costsToken(op) && !bucket.tryTake(System.nanoTime())) {
            closeOnce(CloseCodes.POLICY_VIOLATION, "rate-limit", endpoint.metrics().rateLimitCloses);
            // a flooder is not read any further: its frames stay in the kernel until the socket is dropped
            return false;
        }
        if (closing.get()) {
            return true;  // after our close frame, the client's frames are read (and paid for) until its close, not acted on
        }
        switch (op) {
            case OpCode.PING -> pong(frame);
            case OpCode.PONG -> { }  // unsolicited (we send no pings): its token is all it costs
            default -> onDataFrame(frame);
        }
        return true;
    }

    /** Each message's first frame and each control frame cost a token, continuations past the allowance too. */
    private boolean costsToken(byte op) {
        if (op == OpCode.CONTINUATION) {
            return ++continuations > freeContinuations;
        }
        if (op == OpCode.TEXT || op == OpCode.BINARY) {
            continuations = 0;
        }
        return true;
    }


    /** RFC 6455 §5.5.2: a PING is answered with a PONG carrying the same application data. */
    private void pong(Frame ping) {
        ByteBuffer payload = ping.getPayload();
        byte[] data = new byte[payload == null ? 0 : payload.remaining()];
        if (data.length > 0) {
            payload.get(payload.position(), data);
        }
        enqueue(OpCode.PONG, data);
    }

    private static void demand(CoreSession s) {
        try {
            s.demand();
        } catch (IllegalStateException closedMeanwhile) {
            // the session closed between our check and the call; nothing more will be read
        }
    }

    /** Asks for the next frame from the worker pool, so this thread returns to its other connections. */
    private static void handBack(CoreSession s) {
        try {
            s.getWebSocketComponents().getExecutor().execute(() -> demand(s));
        } catch (RejectedExecutionException stopping) {
            s.abort();
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
                endpoint.metrics().oversizeCloses.increment();
                closeOnce(CloseCodes.TOO_BIG, "message larger than " + endpoint.limits().maxFrameBytes() + " bytes");
            }
            case BINARY -> closeOnce(CloseCodes.UNSUPPORTED_DATA, "text frames only");
            case BAD_SEQUENCE -> closeOnce(CloseCodes.PROTOCOL_ERROR, "continuation without a message");
        }
    }

    /** One whole message; {@code utf8} is only valid during this call (see {@link TextAssembler}). */
    private void onText(byte[] utf8, int length) {
        if (!Utf8.isValid(utf8, 0, length)) {
            closeOnce(CloseCodes.BAD_DATA, "invalid UTF-8");
            return;
        }
        ClientMessage message;
        try {
            message = endpoint.codec().decode(utf8, 0, length);
        } catch (ProtocolException e) {
            sendError(e.toError());
            return;
        }
        clock.message();
        message.accept(messages);
    }

    // ---- PeerLink: called by the room ----

    @Override
    public void attached(Room room, String peerId) {
        clock.welcomed();
        messages.attached(room, peerId);
    }

    @Override
    public void joinRejected(Room room) {
        messages.rejected();
    }

    @Override
    public String clientAddress() {
        return client;
    }

    @Override
    public void send(byte[] frame) {
        enqueue(OpCode.TEXT, frame);
    }

    private void enqueue(byte opCode, byte[] payload) {
        CoreSession s = session;
        if (s == null || closing.get()) {
            return;
        }
        if (!queue.send(s, opCode, payload)) {
            if (closeOnce(CloseCodes.TRY_AGAIN_LATER, "slow-consumer", endpoint.metrics().slowConsumerCloses)) {
                LOG.warn("closing slow consumer {} (peer {}): {} frames, {} bytes queued", s.getRemoteAddress(),
                        messages.peerId(), queue.frames(), queue.bytes());
            }
            // a consumer that stopped reading will never read the close frame either
            s.abort();
        }
    }

    @Override
    public void close(int code, String reason) {
        closeOnce(code, reason);
    }

    private boolean closeOnce(int code, String reason) {
        return closeOnce(code, reason, null);
    }

    /** Sends the close frame unless one was sent; true when this call sent it (then {@code counted} counts it first). */
    private boolean closeOnce(int code, String reason, Counter counted) {
        CoreSession s = session;
        if (s == null || !closing.compareAndSet(false, true)) {
            return false;
        }
        if (counted != null) {
            counted.increment();
        }
        clock.stop();
        s.close(code, reason, Callback.NOOP);
        // a client that never answers the close (or is no longer read) must not keep the connection
        clock.later(() -> {
            if (!ended) {
                s.abort();
            }
        }, CLOSE_LINGER_MS);
        return true;
    }

    /** A bug of ours still gets an answer; the details stay in the log. */
    private void internalError() {
        try {
            sendError(new ServerMessage.Error(ErrorCode.INTERNAL, "internal error", null));
        } catch (RuntimeException e) {
            LOG.debug("could not report an internal error to peer {}", messages.peerId(), e);
        }
    }

    void sendError(ServerMessage.Error error) {
        endpoint.metrics().protocolErrors.increment();
        send(endpoint.codec().encode(error));
    }

    // ---- socket end ----

    @Override
    public void onError(Throwable cause, Callback callback) {
        if (cause instanceof MessageTooLargeException) {
            endpoint.metrics().oversizeCloses.increment();
        } else {
            LOG.debug("websocket error (peer {}): {}", messages.peerId(), cause.toString());
        }
        OutboundBatch.current().flush();
        callback.succeeded();
    }

    @Override
    public void onClosed(CloseStatus closeStatus, Callback callback) {
        endpoint.metrics().connections.decrementAndGet();
        ended = true;
        endpoint.metrics().closed(closeStatus.getCode());
        closing.set(true);
        clock.stop();
        place.release();
        Room r = messages.room();
        if (r != null) {
            endpoint.rooms().disconnected(r, this);
        }
        OutboundBatch.current().flush();
        callback.succeeded();
    }
}
