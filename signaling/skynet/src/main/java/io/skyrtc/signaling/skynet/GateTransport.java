package io.skyrtc.signaling.skynet;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * How payloads reach one gate: skynet's TCP gate (2-byte length packets) or a WebSocket gate (one
 * frame each). The link above it does not care which: it writes payloads in its encoding (see
 * {@link GateEncoding}) and gets the gate's payloads back.
 */
interface GateTransport {
    /** host:port or the ws:// URL, for logs and /healthz. */
    String address();

    /** Connects, bounded by a timeout. Nothing is read until {@link Connection#startReading}. */
    Connection connect() throws IOException;

    /** One live connection. {@link #write} and {@link #flush} may be called from several threads. */
    interface Connection extends AutoCloseable {
        /** {@code inbound} gets each payload the gate sends, on a thread of the transport, in arrival order. */
        void startReading(Consumer<byte[]> inbound);

        /** Queues one payload; it is on the wire after {@link #flush}. */
        void write(byte[] payload) throws IOException;

        void flush() throws IOException;

        /** False once the peer closed, a read or write failed, or {@link #close} was called. */
        boolean isOpen();

        @Override
        void close();
    }
}
