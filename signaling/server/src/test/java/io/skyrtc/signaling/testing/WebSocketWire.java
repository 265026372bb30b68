package io.skyrtc.signaling.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * A ws_gate on the wire: a Jetty WebSocket endpoint at /gate, one envelope per frame. It reads text and
 * binary frames and answers in text frames, or in binary ones when built with {@code binaryAnswers}.
 */
public final class WebSocketWire implements TestGate.Wire {
    private final boolean binaryAnswers;
    private Server jetty;
    private volatile Session session;

    WebSocketWire(boolean binaryAnswers) {
        this.binaryAnswers = binaryAnswers;
    }

    @Override
    public int listen(int port, TestGate gate) throws IOException {
        jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        connector.setReuseAddress(true);
        jetty.addConnector(connector);
        ContextHandler context = new ContextHandler("/");
        context.setHandler(WebSocketUpgradeHandler.from(jetty, context, container ->
                container.addMapping("/gate", (rq, rs, cb) -> new Endpoint(this, gate))));
        jetty.setHandler(context);
        try {
            jetty.start();
        } catch (Exception e) {
            throw new IOException(e);
        }
        return connector.getLocalPort();
    }

    @Override
    public void stop() {
        Session s = session;
        session = null;
        try {
            if (s != null) {
                s.disconnect();
            }
            jetty.stop();
        } catch (Exception ignored) {
            // stopping
        }
    }

    @Override
    public boolean connected() {
        return session != null;
    }

    @Override
    public synchronized void send(byte[] payload) throws IOException {
        Session s = session;
        if (s == null) {
            throw new IOException("no connection");
        }
        org.eclipse.jetty.websocket.api.Callback.Completable sent = new org.eclipse.jetty.websocket.api.Callback.Completable();
        if (binaryAnswers) {
            s.sendBinary(java.nio.ByteBuffer.wrap(payload), sent);
        } else {
            s.sendText(new String(payload, StandardCharsets.UTF_8), sent);
        }
        try {
            sent.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    /** Public: Jetty invokes listener methods through public method handles. */
    public static final class Endpoint implements Session.Listener.AutoDemanding {
        private final WebSocketWire wire;
        private final TestGate gate;

        Endpoint(WebSocketWire wire, TestGate gate) {
            this.wire = wire;
            this.gate = gate;
        }

        @Override
        public void onWebSocketOpen(Session s) {
            wire.session = s;
        }

        @Override
        public void onWebSocketText(String text) {
            try {
                gate.received(text.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void onWebSocketBinary(java.nio.ByteBuffer payload, org.eclipse.jetty.websocket.api.Callback callback) {
            byte[] bytes = new byte[payload.remaining()];
            payload.get(bytes);
            try {
                gate.received(bytes);
                callback.succeed();
            } catch (IOException e) {
                callback.fail(e);
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void onWebSocketClose(int status, String reason) {
            wire.session = null;
        }
    }
}
