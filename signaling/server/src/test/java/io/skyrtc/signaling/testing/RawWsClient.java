package io.skyrtc.signaling.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client that writes whatever frames a test asks for (fragments, binary, invalid UTF-8,
 * many frames in one TCP write), which the JDK client cannot. Reads are blocking with a timeout.
 */
public final class RawWsClient implements AutoCloseable {
    public record Frame(int opcode, boolean fin, byte[] payload) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** The close code of a CLOSE frame. */
        public int closeCode() {
            return payload.length < 2 ? 1005 : ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        }

        /** The reason text of a CLOSE frame. */
        public String closeReason() {
            return payload.length <= 2 ? "" : new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
        }
    }

    public static final int TEXT = 0x1;
    public static final int BINARY = 0x2;
    public static final int CONTINUATION = 0x0;
    public static final int CLOSE = 0x8;
    public static final int PING = 0x9;
    public static final int PONG = 0xA;

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;

    public RawWsClient(URI httpBase) throws IOException {
        this(httpBase, new String[0]);
    }

    /** {@code headers}: extra request header lines for the upgrade, e.g. {@code "X-Forwarded-For: 203.0.113.7"}. */
    public RawWsClient(URI httpBase, String... headers) throws IOException {
        this(new Socket(httpBase.getHost(), httpBase.getPort()), httpBase.getHost() + ":" + httpBase.getPort(), "/ws",
                headers);
    }

    /**
     * Upgrades {@code socket}, already connected (a TLS socket, one bound to a chosen local address), at
     * {@code path}. A refused upgrade throws an IOException with the status line and the response body.
     */
    public RawWsClient(Socket socket, String host, String path, String... headers) throws IOException {
        this.socket = socket;
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(5000);
        out = socket.getOutputStream();
        in = new DataInputStream(socket.getInputStream());
        byte[] k = new byte[16];
        ThreadLocalRandom.current().nextBytes(k);
        out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "
                + Base64.getEncoder().encodeToString(k) + "\r\nSec-WebSocket-Version: 13\r\n"
                + String.join("", java.util.Arrays.stream(headers).map(h -> h + "\r\n").toList()) + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        String status = readHeadLine();
        int bodyLength = 0;
        for (String line = readHeadLine(); !line.isEmpty(); line = readHeadLine()) {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                bodyLength = Integer.parseInt(line.substring(15).strip());
            }
        }
        if (!status.startsWith("HTTP/1.1 101")) {
            byte[] body = new byte[Math.min(bodyLength, 4096)];
            in.readFully(body);
            socket.close();
            throw new IOException("upgrade refused: " + status + " " + new String(body, StandardCharsets.UTF_8));
        }
    }

    private String readHeadLine() throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new IOException("closed during upgrade");
            }
            if (c != '\r') {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }

    /** One masked frame, as bytes (to be written alone or concatenated with others). */
    public static byte[] frame(int opcode, boolean fin, byte[] payload) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write((fin ? 0x80 : 0) | opcode);
        int n = payload.length;
        if (n < 126) {
            b.write(0x80 | n);
        } else if (n <= 0xFFFF) {
            b.write(0x80 | 126);
            b.write(n >>> 8);
            b.write(n);
        } else {
            b.write(0x80 | 127);
            for (int i = 7; i >= 0; i--) {
                b.write((int) ((long) n >>> (8 * i)));
            }
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        b.writeBytes(mask);
        for (int i = 0; i < n; i++) {
            b.write(payload[i] ^ mask[i & 3]);
        }
        return b.toByteArray();
    }

    public static byte[] text(String s) {
        return frame(TEXT, true, s.getBytes(StandardCharsets.UTF_8));
    }

    public RawWsClient write(byte[]... frames) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] f : frames) {
            all.writeBytes(f);
        }
        out.write(all.toByteArray());
        out.flush();
        return this;
    }

    /** The next frame from the server, or an IOException after 5 s. */
    public Frame read() throws IOException {
        int b0 = in.readUnsignedByte();
        int b1 = in.readUnsignedByte();
        long n = b1 & 0x7F;
        if (n == 126) {
            n = in.readUnsignedShort();
        } else if (n == 127) {
            n = in.readLong();
        }
        byte[] payload = new byte[(int) n];
        in.readFully(payload);
        return new Frame(b0 & 0x0F, (b0 & 0x80) != 0, payload);
    }

    /** Reads (skipping text) until the server's CLOSE frame and returns its code. */
    public int awaitClose() throws IOException {
        return awaitCloseFrame().closeCode();
    }

    /** Reads (skipping others) until the server's CLOSE frame. */
    public Frame awaitCloseFrame() throws IOException {
        while (true) {
            Frame f;
            try {
                f = read();
            } catch (SocketTimeoutException e) {
                throw new AssertionError("no close frame within 5 s");
            }
            if (f.opcode() == CLOSE) {
                return f;
            }
        }
    }

    /** True once the server closed or dropped the connection while {@link #drainInBackground} read it. */
    private volatile boolean ended;
    private volatile int closeCode;

    /**
     * Reads and discards whatever the server sends, on a daemon thread, remembering the close code;
     * for a client that writes without pause (a writer that never reads would be dropped as slow).
     */
    public RawWsClient drainInBackground() {
        Thread t = new Thread(() -> {
            try {
                socket.setSoTimeout(0);
                while (true) {
                    Frame f = read();
                    if (f.opcode() == CLOSE) {
                        closeCode = f.closeCode();
                    }
                }
            } catch (IOException e) {
                ended = true;
            }
        }, "raw-ws-drain");
        t.setDaemon(true);
        t.start();
        return this;
    }

    /** The close code the background reader saw, 0 if none yet. */
    public int closeCodeSeen() {
        return closeCode;
    }

    public boolean ended() {
        return ended;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
