package io.skyrtc.signaling.skynet.cluster;

import io.skyrtc.signaling.skynet.GateFrames;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Supplier;
import jdk.net.ExtendedSocketOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sending side of a cluster connection, as skynet's clustersender: calls and pushes to one node,
 * sessions 1..2^31-1 numbered per client (kept across reconnects), responses matched by session in any
 * order. The connection opens lazily on the first request and again on the next request after it
 * drops. Sockets get TCP_NODELAY, and TCP_QUICKACK before every read so that a multi-part response
 * from a skynet node (which leaves Nagle on) does not wait ~40 ms for our delayed ACK.
 */
public final class ClusterClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterClient.class);

    private final String node;
    private final Supplier<InetSocketAddress> address;
    private final int connectTimeoutMs;
    private final int maxMessageBytes;
    private final Object writeLock = new Object();
    private int nextSession = 1;
    private Connection connection;
    private volatile boolean closed;

    /**
     * @param node    the node name, for messages
     * @param address where the node is now (throws {@link ClusterException} when absent or marked down)
     */
    public ClusterClient(String node, Supplier<InetSocketAddress> address, int connectTimeoutMs, int maxMessageBytes) {
        this.node = node;
        this.address = address;
        this.connectTimeoutMs = connectTimeoutMs;
        this.maxMessageBytes = maxMessageBytes;
    }

    /** cluster.call with a packed body: the response body, or {@link ClusterException}. */
    public CompletableFuture<byte[]> call(ClusterAddress to, byte[] body, long timeoutMs) {
        return call(to, body, timeoutMs, true);
    }

    /**
     * As {@link #call(ClusterAddress, byte[], long)}, but only on the connection already open: fails
     * (UNAVAILABLE) instead of reconnecting, for callers that must say something first on a new one.
     */
    public CompletableFuture<byte[]> callOnOpenConnection(ClusterAddress to, byte[] body, long timeoutMs) {
        return call(to, body, timeoutMs, false);
    }

    private CompletableFuture<byte[]> call(ClusterAddress to, byte[] body, long timeoutMs, boolean connect) {
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        Connection c;
        int session;
        synchronized (writeLock) {
            try {
                c = connected(connect);
            } catch (ClusterException e) {
                return CompletableFuture.failedFuture(e);
            }
            session = takeSession();
            c.pending.put(session, new Pending(result, System.nanoTime() + timeoutMs * 1_000_000, to, timeoutMs));
            if (c.dead) {  // failed between connected() and put(): fail() may have missed this call
                result.completeExceptionally(new ClusterException(ClusterException.Kind.UNAVAILABLE,
                        "connection to " + node + " lost"));
            }
            c.write(ClusterCodec.requestFrames(ClusterCodec.request(to, session, body, false)));
        }
        return result;
    }

    /** A call waiting for its answer; a sweep every {@value #SWEEP_MS} ms fails it after its deadline. */
    private record Pending(CompletableFuture<byte[]> future, long deadlineNanos, ClusterAddress to, long timeoutMs) {}

    private static final long SWEEP_MS = 50;
    /** One timer for every connection's timeouts (not one timer task per call). */
    private static final ScheduledExecutorService SWEEPER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cluster-call-timeouts");
        t.setDaemon(true);
        return t;
    });

    /** cluster.call(node, to, args...): the unpacked return values. */
    public CompletableFuture<List<Object>> call(ClusterAddress to, long timeoutMs, Object... args) {
        return call(to, SkynetPack.pack(args), timeoutMs).thenApply(SkynetPack::unpack);
    }

    /** cluster.send: fire and forget; fails only when the node cannot be reached now. */
    public void send(ClusterAddress to, byte[] body) {
        synchronized (writeLock) {
            Connection c = connected(true);
            // a large push uses a session number to tie its parts together; a small one sends 0
            int session = body.length >= ClusterCodec.PART ? takeSession() : nextSession;
            c.write(ClusterCodec.requestFrames(ClusterCodec.request(to, session, body, true)));
        }
    }

    /** cluster.query(node, name): the handle the node registered {@code name} under. */
    public CompletableFuture<Long> query(String name, long timeoutMs) {
        return call(ClusterAddress.QUERY, SkynetPack.pack(name), timeoutMs).thenApply(body -> {
            List<Object> values = SkynetPack.unpack(body);
            if (values.isEmpty() || !(values.get(0) instanceof Long handle)) {
                throw new ClusterException(ClusterException.Kind.REMOTE, "query answer is not a handle: " + values);
            }
            return handle;
        });
    }

    /** Whether a connection is open now. */
    public boolean isConnected() {
        synchronized (writeLock) {
            return connection != null && !connection.dead;
        }
    }

    /** Drops the connection (e.g. the node's address changed); the next request reconnects. */
    public void disconnect(String why) {
        synchronized (writeLock) {
            if (connection != null) {
                connection.fail(why);
                connection = null;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        disconnect("client closed");
    }

    private int takeSession() {
        int s = nextSession;
        nextSession = s == Integer.MAX_VALUE ? 1 : s + 1;
        return s;
    }

    private Connection connected(boolean connect) {
        if (closed) {
            throw new ClusterException(ClusterException.Kind.UNAVAILABLE, "cluster client for " + node + " is closed");
        }
        if (connection != null && !connection.dead) {
            return connection;
        }
        if (!connect) {
            throw new ClusterException(ClusterException.Kind.UNAVAILABLE, "the connection to " + node + " was lost");
        }
        InetSocketAddress to = address.get();
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(to, connectTimeoutMs);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new ClusterException(ClusterException.Kind.UNAVAILABLE,
                    "cannot connect to cluster node " + node + " at " + to + ": " + e.getMessage());
        }
        connection = new Connection(socket);
        LOG.debug("cluster: connected to {} at {}", node, to);
        return connection;
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /** One TCP connection and the calls waiting on it. */
    private final class Connection {
        final Socket socket;
        final OutputStream out;
        final Map<Integer, Pending> pending = new ConcurrentHashMap<>();
        final ScheduledFuture<?> sweep;
        final boolean quickAck;
        volatile boolean dead;

        Connection(Socket socket) {
            this.socket = socket;
            OutputStream o;
            try {
                o = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
            } catch (IOException e) {
                throw new ClusterException(ClusterException.Kind.UNAVAILABLE, e.toString());
            }
            this.out = o;
            this.quickAck = socket.supportedOptions().contains(ExtendedSocketOptions.TCP_QUICKACK);
            this.sweep = SWEEPER.scheduleWithFixedDelay(this::timeOut, SWEEP_MS, SWEEP_MS, TimeUnit.MILLISECONDS);
            Thread reader = new Thread(this::read, "cluster-client-" + node);
            reader.setDaemon(true);
            reader.start();
        }

        void write(byte[] frames) {
            try {
                out.write(frames);
                out.flush();
            } catch (IOException e) {
                fail("write failed: " + e.getMessage());
            }
        }

        void read() {
            ResponseAssembler assembler = new ResponseAssembler(maxMessageBytes);
            String why = "connection closed by " + node;
            try {
                InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
                while (true) {
                    if (quickAck) {
                        socket.setOption(ExtendedSocketOptions.TCP_QUICKACK, true);
                    }
                    byte[] payload = GateFrames.read(in);
                    if (payload == null) {
                        break;
                    }
                    ResponseAssembler.Response r = assembler.feed(ResponsePacket.decode(payload));
                    if (r != null) {
                        complete(r);
                    }
                }
            } catch (IOException e) {
                why = dead ? why : "connection to " + node + " lost: " + e.getMessage();
            }
            fail(why);
        }

        private void complete(ResponseAssembler.Response r) {
            Pending p = pending.remove(r.session());
            CompletableFuture<byte[]> f = p == null ? null : p.future();
            if (f == null) {
                // session 0 (an error for a push) or a call that already timed out: skynet logs and drops it
                LOG.debug("cluster: {} answered unknown session {}", node, r.session());
            } else if (r.ok()) {
                f.complete(r.body());
            } else {
                f.completeExceptionally(new ClusterException(ClusterException.Kind.REMOTE, r.errorText()));
            }
        }

        void timeOut() {
            long now = System.nanoTime();
            pending.entrySet().removeIf(e -> {
                Pending p = e.getValue();
                if (now - p.deadlineNanos() < 0) {
                    return false;
                }
                p.future().completeExceptionally(new ClusterException(ClusterException.Kind.TIMEOUT,
                        "no answer from " + node + " to " + p.to() + " within " + p.timeoutMs() + " ms"));
                return true;
            });
        }

        void fail(String why) {
            dead = true;
            sweep.cancel(false);
            closeQuietly(socket);
            ClusterException e = new ClusterException(ClusterException.Kind.UNAVAILABLE, why);
            pending.values().forEach(p -> p.future().completeExceptionally(e));
            pending.clear();
        }
    }
}
