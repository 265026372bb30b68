package io.skyrtc.signaling;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A minimal blocking WebSocket client for {@link StartupWarmUp}: a browser's upgrade request, masked text
 * frames out, unmasked frames in.
 */
final class WarmUpPeer implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    WarmUpPeer(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(5_000);
        in = new java.io.BufferedInputStream(socket.getInputStream(), 8192);
        out = socket.getOutputStream();
        byte[] key = new byte[16];
        ThreadLocalRandom.current().nextBytes(key);
        out.write(browserUpgrade(port, Base64.getEncoder().encodeToString(key)).getBytes(StandardCharsets.US_ASCII));
        int matched = 0;
        while (matched < 4) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("warm-up upgrade refused");
            }
            matched = c == "\r\n\r\n".charAt(matched) ? matched + 1 : c == '\r' ? 1 : 0;
        }
    }

    /**
     * An upgrade as browsers send it (about 700 bytes, a dozen headers, a cookie): the header parser's
     * loops run as often per connection as they will for real clients, so they are compiled for them.
     */
    private static String browserUpgrade(int port, String key) {
        String host = "127.0.0.1:" + port;
        return "GET /ws HTTP/1.1\r\nHost: " + host + "\r\nConnection: Upgrade\r\nPragma: no-cache\r\n"
                + "Cache-Control: no-cache\r\nUser-Agent: Mozilla/5.0 (Windows NT 10.0; Win64; x64) "
                + "AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36\r\nUpgrade: websocket\r\n"
                + "Origin: http://" + host + "\r\nSec-WebSocket-Version: 13\r\n"
                + "Accept-Encoding: gzip, deflate, br, zstd\r\nAccept-Language: en-US,en;q=0.9,zh-CN;q=0.8\r\n"
                + "Cookie: _ga=GA1.1.1234567890.1733400000; session=eyJ1aWQiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJl\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\n"
                + "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n\r\n";
    }

    /**
     * One HTTP/1.1 request on a connection of its own, as a monitor or game backend sends it; returns the
     * response's status line. The API and probes run beside the WebSocket traffic on a real node, and the
     * first of them loads Jetty classes (request content, dynamic buffers) that the upgrade path never
     * needs: loaded after the warm-up, they would undo compiled code that assumed they did not exist.
     */
    static String http(int port, String method, String path, String bearer, String json) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5_000);
            byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
            String head = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                    + "User-Agent: warm-up\r\nAccept: */*\r\nConnection: close\r\n"
                    + (bearer == null ? "" : "Authorization: Bearer " + bearer + "\r\n")
                    + (json == null ? "" : "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n")
                    + "\r\n";
            OutputStream out = s.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            String response = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            int eol = response.indexOf("\r\n");
            return eol < 0 ? response : response.substring(0, eol);
        }
    }

    String join(String json) throws IOException {
        send(json);
        String welcome = readUntil("\"welcome\"");
        int at = welcome.indexOf("\"peerId\":\"") + 10;
        return welcome.substring(at, welcome.indexOf('"', at));
    }

    void send(String json) throws IOException {
        byte[] p = json.getBytes(StandardCharsets.UTF_8);
        int header = p.length < 126 ? 2 : 4;
        byte[] f = new byte[header + 4 + p.length];
        f[0] = (byte) 0x81;
        if (p.length < 126) {
            f[1] = (byte) (0x80 | p.length);
        } else {
            f[1] = (byte) (0x80 | 126);
            f[2] = (byte) (p.length >>> 8);
            f[3] = (byte) p.length;
        }
        int mask = ThreadLocalRandom.current().nextInt();
        for (int i = 0; i < 4; i++) {
            f[header + i] = (byte) (mask >>> (24 - 8 * i));
        }
        for (int i = 0; i < p.length; i++) {
            f[header + 4 + i] = (byte) (p[i] ^ f[header + (i & 3)]);
        }
        out.write(f);
    }

    /** Reads text frames until one contains {@code marker}; returns it. */
    String readUntil(String marker) throws IOException {
        while (true) {
            int b0 = in.read();
            int b1 = in.read();
            if (b0 < 0 || b1 < 0) {
                throw new IOException("warm-up socket closed");
            }
            long len = b1 & 0x7F;
            if (len == 126) {
                len = (in.read() << 8) | in.read();
            } else if (len == 127) {
                len = 0;
                for (int i = 0; i < 8; i++) {
                    len = (len << 8) | in.read();
                }
            }
            String text = new String(in.readNBytes((int) len), StandardCharsets.UTF_8);
            if ((b0 & 0x0F) == 0x8) {
                throw new IOException("warm-up socket closed by the server: " + text);
            }
            if (text.startsWith("{\"type\":\"error\"")) {
                throw new IOException("warm-up got " + text);
            }
            if (text.contains(marker)) {
                return text;
            }
        }
    }

    void closeQuietly() {
        try {
            socket.close();
        } catch (IOException e) {
            // the warm-up is over; a socket that will not close is the OS's to reap
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
