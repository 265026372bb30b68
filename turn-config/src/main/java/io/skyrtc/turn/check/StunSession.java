package io.skyrtc.turn.check;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.ice4j.ResponseCollector;
import org.ice4j.StunResponseEvent;
import org.ice4j.StunTimeoutEvent;
import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.message.Request;
import org.ice4j.message.Response;
import org.ice4j.socket.IceUdpSocketWrapper;
import org.ice4j.stack.StunStack;
import org.ice4j.stack.TransactionID;

/**
 * One UDP socket and one ice4j {@link StunStack}, used for the requests of a single server check
 * (one 5-tuple, so the TURN server sees Allocate, CreatePermission and Refresh on the same
 * allocation). Retransmission timing is passed per request, never through ice4j's JVM-wide properties.
 */
final class StunSession implements AutoCloseable {
    /** First retransmission after 100 ms, doubling up to 800 ms; the caller's budget ends it. */
    private static final int FIRST_RTO_MS = 100;
    private static final int MAX_RTO_MS = 800;
    private static final int MAX_RETRANSMISSIONS = 30;

    private final StunStack stack;
    private final DatagramSocket socket;
    private final TransportAddress local;
    private final TransportAddress server;

    StunSession(InetSocketAddress server) throws IOException {
        this(server, 0);
    }

    StunSession(InetSocketAddress server, int localPort) throws IOException {
        Ice4jRuntime.init();
        this.server = new TransportAddress(server.getAddress(), server.getPort(), Transport.UDP);
        this.socket = new DatagramSocket(new InetSocketAddress(routeTo(server), localPort));
        this.local = new TransportAddress(socket.getLocalAddress(), socket.getLocalPort(), Transport.UDP);
        this.stack = new StunStack();
        stack.addSocket(new IceUdpSocketWrapper(socket));
    }

    StunStack stack() {
        return stack;
    }

    int localPort() {
        return local.getPort();
    }

    TransportAddress server() {
        return server;
    }

    /** Sends {@code request} and waits at most {@code budgetMs} for the response. */
    Response send(Request request, long budgetMs) throws IOException, TimeoutException {
        return send(request, budgetMs, TransactionID.createNewTransactionID());
    }

    /** As {@link #send(Request, long)} with the transaction id the request's XOR-PEER-ADDRESS was encoded with. */
    Response send(Request request, long budgetMs, TransactionID tid) throws IOException, TimeoutException {
        if (budgetMs <= 0) {
            throw new TimeoutException();
        }
        CompletableFuture<Response> result = new CompletableFuture<>();
        ResponseCollector collector = new ResponseCollector() {
            @Override
            public void processResponse(StunResponseEvent event) {
                result.complete(event.getResponse());
            }

            @Override
            public void processTimeout(StunTimeoutEvent event) {
                result.completeExceptionally(new TimeoutException());
            }
        };
        try {
            stack.sendRequest(request, server, local, collector, tid, FIRST_RTO_MS, MAX_RTO_MS, MAX_RETRANSMISSIONS);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        try {
            return result.get(budgetMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            stack.cancelTransaction(tid);
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TimeoutException t) {
                throw t;
            }
            throw new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stack.cancelTransaction(tid);
            throw new TimeoutException("interrupted");
        }
    }

    @Override
    public void close() {
        stack.removeSocket(local);
        stack.shutDown();
        socket.close();
    }

    /** The local address the OS would use towards {@code server} (loopback for 127.0.0.1). */
    private static InetAddress routeTo(InetSocketAddress server) throws IOException {
        try (DatagramSocket probe = new DatagramSocket()) {
            probe.connect(server);
            InetAddress a = probe.getLocalAddress();
            return a.isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : a;
        }
    }
}
