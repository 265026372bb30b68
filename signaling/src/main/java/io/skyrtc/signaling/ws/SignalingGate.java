package io.skyrtc.signaling.ws;

import io.skyrtc.signaling.auth.JoinAuthorizer;
import io.skyrtc.signaling.config.SkyrtcConfig;
import io.skyrtc.signaling.metrics.SignalingMetrics;
import io.skyrtc.signaling.protocol.ProtocolCodec;
import io.skyrtc.signaling.room.RoomRegistry;
import java.time.Duration;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.thread.Invocable;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;

/** Wires {@code /ws} into Jetty: frame limits, idle timeout, origin and connection-count checks. */
public final class SignalingGate {
    public static final String PATH = "/ws";

    private final GateContext context;
    private final OriginPolicy origins;

    public SignalingGate(ProtocolCodec codec, RoomRegistry rooms, JoinAuthorizer authorizer,
                         SignalingMetrics metrics, SkyrtcConfig config) {
        this.context = new GateContext(codec, rooms, authorizer, metrics, config.limits());
        this.origins = new OriginPolicy(config.server().dev(), config.server().allowedOrigins());
    }

    public void configure(ServerWebSocketContainer container) {
        SkyrtcConfig.Limits limits = context.limits();
        container.setMaxTextMessageSize(limits.maxFrameBytes());
        container.setMaxFrameSize(limits.maxFrameBytes());
        container.setMaxBinaryMessageSize(1024);
        container.setIdleTimeout(Duration.ofMillis(limits.idleTimeoutMs()));
        // Our listener never blocks (room work is bounded per call, sends are async), so Jetty may
        // call it on the selector thread instead of handing every frame to another thread.
        container.setInvocationType(Invocable.InvocationType.NON_BLOCKING);
        container.addMapping(PATH, (request, response, callback) -> {
            String origin = request.getHeaders().get(HttpHeader.ORIGIN);
            if (!origins.allows(origin, request.getHeaders().get(HttpHeader.HOST))) {
                context.metrics().rejectedConnections.increment();
                Response.writeError(request, response, callback, HttpStatus.FORBIDDEN_403,
                        "origin not allowed: " + origin);
                return null;
            }
            if (context.metrics().connections.get() >= limits.maxConnections()) {
                context.metrics().rejectedConnections.increment();
                Response.writeError(request, response, callback, HttpStatus.SERVICE_UNAVAILABLE_503,
                        "connection limit reached");
                return null;
            }
            return new SignalingSocket(context);
        });
    }
}
