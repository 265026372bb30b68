package io.skyrtc.signaling.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/** A load-generator WebSocket: hands every complete text frame to a callback, no JSON tree. */
final class BenchSocket implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();
    private final Consumer<String> onText;
    private final WebSocket ws;

    BenchSocket(HttpClient http, URI uri, Consumer<String> onText) {
        this.onText = onText;
        this.ws = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30)).buildAsync(uri, this).join();
    }

    /** Serialized: the JDK client refuses a send while another is outstanding on the same socket. */
    synchronized void send(String text) {
        ws.sendText(text, true).join();
    }

    void abort() {
        ws.abort();
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        if (last && partial.length() == 0) {
            onText.accept(data.toString());
        } else {
            partial.append(data);
            if (last) {
                onText.accept(partial.toString());
                partial.setLength(0);
            }
        }
        webSocket.request(1);
        return null;
    }

    /** Extracts a top-level string field without parsing the whole frame (fields we write are simple). */
    static String field(String json, String name) {
        String key = "\"" + name + "\":\"";
        int i = json.indexOf(key);
        if (i < 0) {
            return null;
        }
        int start = i + key.length();
        return json.substring(start, json.indexOf('"', start));
    }
}
