package io.skyrtc.signaling.skynet.cluster;

import io.skyrtc.signaling.skynet.GateFrames;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiving side, as skynet's gate + clusteragent: skynet nodes' clustersenders connect to this
 * port and call the registered services. Every request is handled on its own (responses may go back in
 * any order), pushes are never answered, and a response is written in one write with TCP_NODELAY, so a
 * multi-part answer never waits on Nagle and the caller's delayed ACK.
 */
public final class ClusterServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterServer.class);

    private final String host;
    private final int port;
    private final ClusterServices services;
    private final int maxMessageBytes;
    private final int maxConnections;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private ServerSocket listener;
    private volatile boolean running = true;

    public ClusterServer(String host, int port, ClusterServices services, int maxMessageBytes, int maxConnections) {
        this.host = host;
        this.port = port;
        this.services = services;
        this.maxMessageBytes = maxMessageBytes;
        this.maxConnections = maxConnections;
    }

    public ClusterServer start() throws IOException {
        listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(new InetSocketAddress(InetAddress.getByName(host), port), 128);
        Thread acceptor = new Thread(this::accept, "cluster-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        LOG.info("cluster: listening on {}:{}", host, port());
        return this;
    }

    /** The bound port (useful with port 0). */
    public int port() {
        return listener.getLocalPort();
    }

    public int connections() {
        return connections.size();
    }

    @Override
    public void close() {
        running = false;
        try {
            if (listener != null) {
                listener.close();
            }
        } catch (IOException ignored) {
            // closing anyway
        }
        connections.forEach(ClusterServer::closeQuietly);
    }

    private void accept() {
        while (running) {
            Socket s;
            try {
                s = listener.accept();
            } catch (IOException e) {
                if (running) {
                    LOG.warn("cluster: accept failed: {}", e.toString());
                }
                return;
            }
            if (connections.size() >= maxConnections) {
                LOG.warn("cluster: refused {}: {} connections open (maxConnections)", s.getRemoteSocketAddress(),
                        maxConnections);
                closeQuietly(s);
                continue;
            }
            connections.add(s);
            Thread t = new Thread(() -> serve(s), "cluster-conn-" + s.getPort());
            t.setDaemon(true);
            t.start();
        }
    }

    private void serve(Socket socket) {
        RequestAssembler assembler = new RequestAssembler(maxMessageBytes);
        try {
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
            Answers out = new Answers(new BufferedOutputStream(socket.getOutputStream(), 64 * 1024));
            while (running) {
                if (in.available() == 0) {
                    out.flushHeld();  // nothing more to read now: send the answers made while reading
                }
                byte[] payload = GateFrames.read(in);
                if (payload == null) {
                    break;
                }
                RequestAssembler.Request r = assembler.feed(RequestPacket.decode(payload));
                if (r != null) {
                    handle(r, out);
                }
            }
        } catch (ClusterProtocolException e) {
            LOG.warn("cluster: closing the connection from {}: {}", socket.getRemoteSocketAddress(), e.getMessage());
        } catch (IOException e) {
            LOG.debug("cluster: connection from {} ended: {}", socket.getRemoteSocketAddress(), e.toString());
        } finally {
            connections.remove(socket);
            closeQuietly(socket);
        }
    }

    private void handle(RequestAssembler.Request r, Answers out) {
        if (r.body() == null) {
            answerError(r, out, r.problem());
            return;
        }
        if (r.address().equals(ClusterAddress.QUERY)) {
            query(r, out);
            return;
        }
        ClusterServices.Service service = services.resolve(r.address());
        if (service == null) {
            boolean atName = r.address() instanceof ClusterAddress.Name n && n.name().startsWith("@");
            answerError(r, out, atName ? "Invalid name" : "call to invalid address " + r.address());
            return;
        }
        CompletableFuture<List<Object>> result;
        try {
            result = service.call(SkynetPack.unpack(r.body()));
        } catch (SkynetPackException e) {
            answerError(r, out, "bad message body: " + e.getMessage());
            return;
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        result.whenComplete((values, error) -> {
            if (error == null) {
                answer(r, out, ClusterCodec.ok(r.session(), SkynetPack.packAll(values)));
                return;
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            LOG.warn("cluster: {} failed: {}", r.address(), cause.toString());
            answerError(r, out, "call failed: " + cause.getMessage());
        });
    }

    private void query(RequestAssembler.Request r, Answers out) {
        List<Object> args;
        try {
            args = SkynetPack.unpack(r.body());
        } catch (SkynetPackException e) {
            answerError(r, out, "bad query: " + e.getMessage());
            return;
        }
        Long handle = !args.isEmpty() && args.get(0) instanceof String name ? services.handleOf(name) : null;
        if (handle == null) {
            answerError(r, out, "name not found");
        } else {
            answer(r, out, ClusterCodec.ok(r.session(), SkynetPack.pack(handle)));
        }
    }

    private void answerError(RequestAssembler.Request r, Answers out, String text) {
        if (r.push()) {
            LOG.debug("cluster: push to {} dropped: {}", r.address(), text);
            return;
        }
        answer(r, out, List.of(ClusterCodec.error(r.session(), text)));
    }

    private void answer(RequestAssembler.Request r, Answers out, List<ResponsePacket> packets) {
        if (r.push()) {
            return;  // never answer a push
        }
        try {
            out.write(ClusterCodec.responseFrames(packets));
        } catch (IOException e) {
            LOG.debug("cluster: answer to session {} lost: {}", r.session(), e.toString());
        }
    }

    /**
     * A connection's answers. Answers made on the reading thread (services that answer at once) are
     * held and sent together when there is nothing more to read, one write for many; answers made
     * elsewhere (commands finishing on a room's thread) go out at once. Each answer is written whole,
     * all its parts in one write.
     */
    private static final class Answers {
        private final OutputStream out;
        private final Thread reader = Thread.currentThread();
        private boolean held;

        Answers(OutputStream out) {
            this.out = out;
        }

        synchronized void write(byte[] bytes) throws IOException {
            out.write(bytes);
            if (Thread.currentThread() == reader) {
                held = true;
            } else {
                out.flush();
            }
        }

        synchronized void flushHeld() throws IOException {
            if (held) {
                held = false;
                out.flush();
            }
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
