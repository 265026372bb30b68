package io.skyrtc.signaling.testing;

import io.skyrtc.signaling.SkyrtcServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Servers and sockets a test opened, closed after each test (sockets first). */
public final class ServerFixture implements AfterEachCallback {
    private final List<WsClient> clients = new ArrayList<>();
    private final List<SkyrtcServer> servers = new ArrayList<>();

    public SkyrtcServer use(SkyrtcServer server) {
        servers.add(server);
        return server;
    }

    public WsClient client(SkyrtcServer server) {
        WsClient c = WsClient.connect(server.baseUri());
        clients.add(c);
        return c;
    }

    public WsClient track(WsClient client) {
        clients.add(client);
        return client;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        clients.forEach(WsClient::close);
        servers.forEach(SkyrtcServer::close);
        clients.clear();
        servers.clear();
    }
}
