package io.skyrtc.signaling.ws;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import org.eclipse.jetty.io.ManagedSelector;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A plain HTTP/1.1 connector whose endpoints flush the reading thread's {@link OutboundBatch} before
 * every read: Jetty's WebSocket reader reads again only once it has handled every frame it holds,
 * which is exactly the end of a burst.
 */
public final class BatchingConnector extends ServerConnector {
    public BatchingConnector(Server server) {
        super(server);
    }

    @Override
    protected SocketChannelEndPoint newEndPoint(SocketChannel channel, ManagedSelector selector, SelectionKey key) {
        SocketChannelEndPoint endpoint = new SocketChannelEndPoint(channel, selector, key, getScheduler()) {
            @Override
            public int fill(ByteBuffer buffer) throws IOException {
                OutboundBatch.current().flush();
                return super.fill(buffer);
            }
        };
        endpoint.setIdleTimeout(getIdleTimeout());
        return endpoint;
    }
}
