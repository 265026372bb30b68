package io.skyrtc.signaling.ws;

import io.skyrtc.signaling.auth.JoinAuthorizer;
import io.skyrtc.signaling.limits.ClientAddress;
import io.skyrtc.signaling.metrics.SignalingMetrics;
import io.skyrtc.signaling.protocol.ProtocolCodec;
import io.skyrtc.signaling.room.RoomRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.Configuration;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.core.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.core.server.WebSocketNegotiator;
import org.eclipse.jetty.websocket.core.server.WebSocketUpgradeHandler;

/**
 * Wires {@code /ws} into Jetty's WebSocket core: frame limits, idle timeout, origin and connection-count
 * checks (per node and per client address, see {@link ClientAddress}).
 */
public final class SignalingEndpoint extends WebSocketNegotiator.AbstractNegotiator {
    public static final String PATH = "/ws";
    /**
     * Bytes read per syscall and the batch buffer a connection's queued frames are copied into (Jetty
     * batches frames under a quarter of it). Both are pooled and held only while in use.
     */
    static final int IO_BUFFER_BYTES = 32 * 1024;

    /** Swapped by {@link #reconfigure}; a connection keeps the context (and limits) it started with. */
    private volatile EndpointContext context;
    private volatile OriginPolicy origins;
    private volatile ClientAddress clientAddress;
    private final ConnectionsPerAddress perAddress;

    public SignalingEndpoint(ProtocolCodec codec, RoomRegistry rooms, JoinAuthorizer authorizer,
                         SignalingMetrics metrics, WsSettings config) {
        this.context = new EndpointContext(codec, rooms, authorizer, metrics, config.limits());
        this.origins = new OriginPolicy(config.dev(), config.allowedOrigins());
        this.clientAddress = new ClientAddress(config.trustedProxies());
        this.perAddress = new ConnectionsPerAddress(config.limits().maxConnectionsPerIp());
    }

    /**
     * A reload: origins, proxies and limits for connections opened from now on; open connections keep
     * the limits they started with.
     */
    public void reconfigure(WsSettings config) {
        EndpointContext c = context;
        this.context = new EndpointContext(c.codec(), c.rooms(), c.authorizer(), c.metrics(), config.limits());
        this.origins = new OriginPolicy(config.dev(), config.allowedOrigins());
        this.clientAddress = new ClientAddress(config.trustedProxies());
        perAddress.setMax(config.limits().maxConnectionsPerIp());
    }

    public void configure(WebSocketUpgradeHandler handler) {
        handler.addMapping(PATH, this);
    }

    @Override
    public void customize(Configuration c) {
        super.customize(c);
        ConnectionLimits limits = context.limits();
        c.setMaxFrameSize(limits.maxFrameBytes());
        c.setMaxTextMessageSize(limits.maxFrameBytes());
        c.setMaxBinaryMessageSize(1024);
        // Jetty splits what exceeds maxFrameSize both ways: our long outgoing frames (a relayed
        // message is a little longer than what came in) and incoming ones, which TextAssembler
        // joins and cuts off at limits.maxFrameBytes
        c.setAutoFragment(true);
        // SignalingSocket's own clock closes idle connections (only protocol messages count); Jetty's,
        // which any byte resets, stays behind it as the backstop for dead TCP connections
        c.setIdleTimeout(Duration.ofMillis(limits.idleTimeoutMs() + SignalingSocket.CLOSE_LINGER_MS));
        c.setInputBufferSize(IO_BUFFER_BYTES);
        c.setOutputBufferSize(IO_BUFFER_BYTES);
    }

    @Override
    public FrameHandler negotiate(ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback) {
        EndpointContext context = this.context;
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        if (!origins.allows(origin, request.getHeaders().get(HttpHeader.HOST))) {
            context.metrics().rejectedConnections.increment();
            Response.writeError(request, response, callback, HttpStatus.FORBIDDEN_403, "origin not allowed: " + origin);
            return null;
        }
        if (context.rooms().shuttingDown()) {
            context.metrics().rejectedConnections.increment();
            Response.writeError(request, response, callback, HttpStatus.SERVICE_UNAVAILABLE_503, "server shutting down");
            return null;
        }
        if (context.metrics().connections.get() >= context.limits().maxConnections()) {
            context.metrics().rejectedConnections.increment();
            Response.writeError(request, response, callback, HttpStatus.SERVICE_UNAVAILABLE_503,
                    "connection limit reached");
            return null;
        }
        String client = clientOf(request);
        ConnectionsPerAddress.Reservation place = perAddress.tryReserve(client);
        if (place == null) {
            context.metrics().rejectedConnections.increment();
            Response.writeError(request, response, callback, HttpStatus.TOO_MANY_REQUESTS_429,
                    "too many connections from " + client);
            return null;
        }
        // every browser offers permessage-deflate and Jetty would accept it: a Deflater per connection
        // (native memory) and a compression pass per relayed message, for frames of a few KB that
        // cross the network once. Declined, as Node's ws (PeerJS) does by default (docs/PROTOCOL.md).
        response.setExtensions(List.of());
        return new SignalingSocket(context, request.getComponents().getScheduler(), place, client);
    }

    private String clientOf(ServerUpgradeRequest request) {
        InetAddress peer = request.getConnectionMetaData().getRemoteSocketAddress() instanceof InetSocketAddress a
                ? a.getAddress() : null;
        if (peer == null) {
            return String.valueOf(request.getConnectionMetaData().getRemoteSocketAddress());
        }
        return clientAddress.of(peer, request.getHeaders().getValuesList(HttpHeader.X_FORWARDED_FOR)).getHostAddress();
    }
}
