package io.skyrtc.signaling.ws;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import org.eclipse.jetty.io.ManagedSelector;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.WebSocketConnection;

/**
 * The HTTP/1.1 connector of the signaling server, with two changes for WebSocket traffic:
 * <ul>
 *   <li>every read first flushes the reading thread's {@link OutboundBatch}: Jetty's WebSocket reader
 *       reads again only once it has handled every frame it holds, which is exactly the end of a
 *       burst;</li>
 *   <li>a WebSocket connection's reads are declared non-blocking, so the selector thread handles its
 *       frames itself instead of handing each readiness to another thread (two wake-ups per message
 *       at low load). That holds because {@link SignalingSocket} never blocks: room work is bounded
 *       per call and sends are asynchronous. One selector per core ({@code server.selectors}) keeps
 *       every core reading.</li>
 * </ul>
 */
public final class BatchingConnector extends ServerConnector {
    /** Connections the kernel may hold before we accept them (the JDK default of 50 drops SYNs when thousands reconnect). */
    static final int ACCEPT_QUEUE = 1024;

    public BatchingConnector(Server server, int selectors) {
        super(server, 1, selectors);
        setAcceptQueueSize(ACCEPT_QUEUE);
    }

    /** The same over TLS (server.tls.*): HTTP/1.1 inside the TLS connection. */
    public BatchingConnector(Server server, int selectors, org.eclipse.jetty.util.ssl.SslContextFactory.Server tls) {
        super(server, 1, selectors, tls);
        setAcceptQueueSize(ACCEPT_QUEUE);
    }

    /**
     * Closes the listening socket and nothing else: open connections keep their idle timeouts and go
     * on (Jetty's graceful {@code shutdown()} would cut idle ones to one second, before the rooms could
     * say goodbye). The acceptor is left waiting, not spinning on the closed socket.
     */
    public void stopAccepting() {
        setAccepting(false);
        interruptAcceptors();
        close();
    }

    @Override
    protected SocketChannelEndPoint newEndPoint(SocketChannel channel, ManagedSelector selector, SelectionKey key) {
        SocketChannelEndPoint endpoint = new BatchingEndPoint(channel, selector, key, this);
        endpoint.setIdleTimeout(getIdleTimeout());
        return endpoint;
    }

    private static final class BatchingEndPoint extends SocketChannelEndPoint {
        private Callback wrappedFrom;
        private Callback wrapped;

        BatchingEndPoint(SocketChannel channel, ManagedSelector selector, SelectionKey key, ServerConnector c) {
            super(channel, selector, key, c.getScheduler());
        }

        @Override
        public int fill(ByteBuffer buffer) throws IOException {
            OutboundBatch.current().flush();
            int filled = super.fill(buffer);
            if (filled <= 0) {
                // nothing more to read: this thread's turn with the connection is over
                ReadTurn.current().end();
            }
            return filled;
        }

        @Override
        public void fillInterested(Callback callback) {
            super.fillInterested(getConnection() instanceof WebSocketConnection ? nonBlocking(callback) : callback);
        }

        /** WebSocketConnection always passes the same callback: wrap it once. */
        private Callback nonBlocking(Callback callback) {
            if (callback != wrappedFrom) {
                wrappedFrom = callback;
                wrapped = new Callback() {
                    @Override
                    public void succeeded() {
                        ReadTurn.current().end();
                        callback.succeeded();
                    }

                    @Override
                    public void failed(Throwable x) {
                        callback.failed(x);
                    }

                    @Override
                    public InvocationType getInvocationType() {
                        return InvocationType.NON_BLOCKING;
                    }
                };
            }
            return wrapped;
        }
    }
}
