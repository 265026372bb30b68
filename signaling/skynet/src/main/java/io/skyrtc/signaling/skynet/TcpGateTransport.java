package io.skyrtc.signaling.skynet;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.function.Consumer;

/** skynet's standard gate: a TCP connection carrying 2-byte big-endian length packets (see {@link GateFrames}). */
final class TcpGateTransport implements GateTransport {
    private static final int CONNECT_TIMEOUT_MS = 2000;

    private final String host;
    private final int port;
    private final String threadName;

    TcpGateTransport(String host, int port, String threadName) {
        this.host = host;
        this.port = port;
        this.threadName = threadName;
    }

    @Override
    public String address() {
        return host + ":" + port;
    }

    @Override
    public Connection connect() throws IOException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
        } catch (IOException e) {
            s.close();
            throw e;
        }
        return new TcpConnection(s, threadName + "-reader");
    }

    private static final class TcpConnection implements Connection {
        private final Socket socket;
        private final OutputStream out;
        private final String readerName;

        TcpConnection(Socket socket, String readerName) throws IOException {
            this.socket = socket;
            this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
            this.readerName = readerName;
        }

        @Override
        public void startReading(Consumer<byte[]> inbound) {
            Thread reader = new Thread(() -> read(inbound), readerName);
            reader.setDaemon(true);
            reader.start();
        }

        @Override
        public void write(byte[] payload) throws IOException {
            byte[] frame = GateFrames.frame(payload);
            synchronized (out) {
                out.write(frame);
            }
        }

        /** The 2-byte length, then the parts straight into the buffer: one copy of each event. */
        @Override
        public void write(byte[] head, List<Outbox.Entry> entries, int from, int to, int length) throws IOException {
            if (length > GateFrames.MAX_PAYLOAD) {
                throw new GateFrames.TooLarge(length);
            }
            synchronized (out) {
                out.write(length >>> 8);
                out.write(length);
                out.write(head);
                for (int i = from; i < to; i++) {
                    out.write(entries.get(i).payload());
                }
            }
        }

        @Override
        public void flush() throws IOException {
            synchronized (out) {
                out.flush();
            }
        }

        @Override
        public boolean isOpen() {
            return !socket.isClosed();
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }

        void read(Consumer<byte[]> inbound) {
            try (BufferedInputStream in = new BufferedInputStream(socket.getInputStream())) {
                byte[] packet;
                while ((packet = GateFrames.read(in)) != null) {
                    inbound.accept(packet);
                }
            } catch (IOException e) {
                // the link sees the connection closed and reconnects
            } finally {
                close();
            }
        }
    }
}
