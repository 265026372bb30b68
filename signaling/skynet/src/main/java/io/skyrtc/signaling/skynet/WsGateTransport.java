package io.skyrtc.signaling.skynet;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A WebSocket gate (like skynet-demo's ws_gate): one envelope per frame, text frames for JSON, binary
 * for the skynet encoding; the gate may answer in either kind. No subprotocol is requested: skynet's
 * websocket library answers 400 unless an offered subprotocol includes "chat".
 */
final class WsGateTransport implements GateTransport {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final long SEND_TIMEOUT_S = 10;

    private final URI uri;
    private final HttpClient http;
    private final boolean binary;

    WsGateTransport(String host, int port, String path, boolean tls, boolean binary) {
        this.binary = binary;
        this.uri = URI.create((tls ? "wss://" : "ws://") + host + ":" + port + path);
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    }

    @Override
    public String address() {
        return uri.toString();
    }

    @Override
    public Connection connect() throws IOException {
        WsConnection c = new WsConnection(binary);
        try {
            c.ws = http.newWebSocketBuilder().connectTimeout(CONNECT_TIMEOUT).buildAsync(uri, c)
                    .get(CONNECT_TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IOException("websocket connect to " + uri + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("websocket connect to " + uri + " timed out");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
        return c;
    }

    private static final class WsConnection implements Connection, WebSocket.Listener {
        private volatile Consumer<byte[]> inbound;
        private final StringBuilder partial = new StringBuilder();
        private final java.io.ByteArrayOutputStream partialBinary = new java.io.ByteArrayOutputStream();
        private final boolean binary;
        private volatile WebSocket ws;
        private volatile boolean open = true;

        WsConnection(boolean binary) {
            this.binary = binary;
        }

        /** Frames wait in the client until the link is ready for them. */
        @Override
        public void onOpen(WebSocket webSocket) {
        }

        @Override
        public void startReading(Consumer<byte[]> inbound) {
            this.inbound = inbound;
            ws.request(1);
        }

        /** The JDK client allows one outstanding send: sends are serialized and awaited. */
        @Override
        public synchronized void write(byte[] payload) throws IOException {
            try {
                (binary ? ws.sendBinary(java.nio.ByteBuffer.wrap(payload), true)
                        : ws.sendText(new String(payload, StandardCharsets.UTF_8), true)).get(SEND_TIMEOUT_S, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                open = false;
                throw new IOException("websocket send failed: " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
        }

        @Override
        public void flush() {
            // every write is already on the wire
        }

        @Override
        public boolean isOpen() {
            return open && !ws.isOutputClosed() && !ws.isInputClosed();
        }

        @Override
        public void close() {
            open = false;
            WebSocket w = ws;
            if (w != null) {
                w.abort();
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String whole = partial.toString();
                partial.setLength(0);
                inbound.accept(whole.getBytes(StandardCharsets.UTF_8));
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, java.nio.ByteBuffer data, boolean last) {
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            partialBinary.writeBytes(chunk);
            if (last) {
                byte[] whole = partialBinary.toByteArray();
                partialBinary.reset();
                inbound.accept(whole);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            open = false;
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            open = false;
        }
    }
}
