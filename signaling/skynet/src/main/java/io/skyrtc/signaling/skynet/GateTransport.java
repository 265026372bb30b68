package io.skyrtc.signaling.skynet;

import java.io.IOException;
import java.util.List;
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

        /**
         * Queues one payload made of {@code head} and the payloads of {@code entries[from, to)}, {@code
         * length} bytes in all; a transport that can write the parts without joining them first does.
         */
        default void write(byte[] head, List<Outbox.Entry> entries, int from, int to, int length) throws IOException {
            byte[] payload = new byte[length];
            System.arraycopy(head, 0, payload, 0, head.length);
            int at = head.length;
            for (int i = from; i < to; i++) {
                byte[] p = entries.get(i).payload();
                System.arraycopy(p, 0, payload, at, p.length);
                at += p.length;
            }
            write(payload);
        }

        void flush() throws IOException;

        /** False once the peer closed, a read or write failed, or {@link #close} was called. */
        boolean isOpen();

        @Override
        void close();
    }
}
