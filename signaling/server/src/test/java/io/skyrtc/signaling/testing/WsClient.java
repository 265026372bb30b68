package io.skyrtc.signaling.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A real WebSocket client (JDK) that records every text frame and the close code. */
public final class WsClient implements AutoCloseable {
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final BlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket ws;
    private volatile boolean reading = true;
    /** Room frames received since the last welcome, as a resuming client reports them. */
    private final java.util.concurrent.atomic.AtomicLong roomFrames = new java.util.concurrent.atomic.AtomicLong();
    private static final java.util.Set<String> ROOM_FRAMES =
            java.util.Set.of("peer-joined", "peer-left", "peer-updated", "offer", "answer", "candidate", "data");

    private WsClient(URI uri, String origin) {
        WebSocket.Builder b = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        if (origin != null) {
            b.header("Origin", origin);
        }
        this.ws = b.buildAsync(uri, new Listener()).join();
    }

    public static WsClient connect(URI httpBase) {
        return new WsClient(wsUri(httpBase), null);
    }

    public static WsClient connect(URI httpBase, String origin) {
        return new WsClient(wsUri(httpBase), origin);
    }

    public static URI wsUri(URI httpBase) {
        return URI.create(httpBase.toString().replace("http://", "ws://") + "/ws");
    }

    public WsClient send(String text) {
        ws.sendText(text, true).join();
        return this;
    }

    public WsClient send(Object message) {
        try {
            return send(JSON.writeValueAsString(message));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static ObjectNode msg(String type, Object... kv) {
        ObjectNode n = JSON.createObjectNode().put("type", type);
        for (int i = 0; i < kv.length; i += 2) {
            n.set((String) kv[i], JSON.valueToTree(kv[i + 1]));
        }
        return n;
    }

    /** Joins in dev mode or with a token; returns the welcome. */
    public JsonNode join(String room, String token) {
        ObjectNode join = msg("join", "room", room, "name", "n-" + room);
        if (token != null) {
            join.put("token", token);
        }
        send(join);
        return expect("welcome");
    }

    /** Joins with a token that carries the display name (its {@code name} claim): the join sends none. */
    public JsonNode joinNamedByToken(String room, String token) {
        send(msg("join", "room", room, "token", token));
        return expect("welcome");
    }

    /** Resume on this (new) socket the peer of an earlier one, reporting what that one received. */
    public JsonNode resume(String room, String resumeToken, WsClient previous) {
        send(msg("join", "room", room, "resume", resumeToken, "received", previous.roomFrames.get()));
        return expect("welcome");
    }

    public JsonNode next() {
        try {
            JsonNode n = inbox.poll(5, TimeUnit.SECONDS);
            if (n == null) {
                fail("no message within 5 s");
            }
            return n;
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    public JsonNode expect(String type) {
        JsonNode n = next();
        assertThat(n.path("type").asText()).as("message %s", n).isEqualTo(type);
        return n;
    }

    public JsonNode expectError(String code) {
        JsonNode n = expect("error");
        assertThat(n.path("code").asText()).as("error %s", n).isEqualTo(code);
        return n;
    }

    /** The next message within {@code ms}, or null. */
    public JsonNode poll(long ms) throws InterruptedException {
        return inbox.poll(ms, TimeUnit.MILLISECONDS);
    }

    /** Room frames received since the last welcome (what a resume reports as {@code received}). */
    public long roomFramesReceived() {
        return roomFrames.get();
    }

    /** Asserts nothing arrives for {@code ms}. */
    public void expectSilence(long ms) throws InterruptedException {
        JsonNode n = inbox.poll(ms, TimeUnit.MILLISECONDS);
        assertThat(n).as("unexpected message").isNull();
    }

    public List<JsonNode> drain() {
        List<JsonNode> out = new ArrayList<>();
        inbox.drainTo(out);
        return out;
    }

    /** Stops reading from the socket: the server's frames pile up in TCP buffers (slow consumer). */
    public void stopReading() {
        reading = false;
    }

    public int awaitClose() {
        try {
            return closed.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("socket not closed within 10 s", e);
        }
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    /** Closes with a close handshake (1000), as a client leaving on purpose does, and waits for it. */
    public void closeNormally() {
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "");
        awaitClose();
    }

    /** Drops the TCP connection without a close handshake (like a phone losing network). */
    public void drop() {
        ws.abort();
    }

    @Override
    public void close() {
        if (!closed.isDone()) {
            ws.abort();
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    JsonNode frame = JSON.readTree(partial.toString());
                    String type = frame.path("type").asText();
                    if (type.equals("welcome")) {
                        roomFrames.set(0);
                    } else if (ROOM_FRAMES.contains(type)) {
                        roomFrames.incrementAndGet();
                    }
                    inbox.add(frame);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                partial.setLength(0);
            }
            if (reading) {
                webSocket.request(1);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(1006);
        }
    }
}
