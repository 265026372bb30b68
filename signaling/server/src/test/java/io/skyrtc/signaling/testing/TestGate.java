package io.skyrtc.signaling.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.skyrtc.signaling.skynet.cluster.LuaValues;
import io.skyrtc.signaling.skynet.cluster.SkynetPack;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for a skynet gate + an agent, over either wire skyrtc speaks: skynet's standard TCP gate
 * (2-byte big-endian framing) or a WebSocket gate. Either encoding: JSON envelopes, or skynet.pack'ed
 * messages with batches of events (recorded here one by one as {"name": type, "data": event}); it
 * answers in the encoding of the hello it got. Cumulative acks (when enabled), commands out and results
 * in. Stop and start again rebind the same port, as a restarted skynet node does.
 */
public final class TestGate implements AutoCloseable {
    public static final ObjectMapper JSON = new ObjectMapper();

    /** The server side of one wire: listens, delivers each payload to the gate, sends payloads. */
    interface Wire {
        int listen(int port, TestGate gate) throws IOException;

        void stop();

        boolean connected();

        void send(byte[] payload) throws IOException;
    }

    /** Every event received, duplicates included, in arrival order. */
    public final List<JsonNode> events = java.util.Collections.synchronizedList(new ArrayList<>());
    public final BlockingQueue<JsonNode> results = new LinkedBlockingQueue<>();
    /** The data of every hello, one per connection. */
    public final List<JsonNode> hellos = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Wire wire;
    /** Every packet received, as it came. */
    public final List<byte[]> packets = java.util.Collections.synchronizedList(new ArrayList<>());
    private volatile boolean ack = true;
    private volatile boolean packed;
    private int port;

    private TestGate(Wire wire) {
        this.wire = wire;
    }

    /** A TCP gate with skynet's 2-byte framing. */
    public static TestGate start() throws IOException {
        return started(new TcpWire());
    }

    /** A WebSocket gate at ws://127.0.0.1:PORT/gate, one envelope per text frame. */
    public static TestGate startWebSocket() throws IOException {
        return started(new WebSocketWire(false));
    }

    /** A WebSocket gate that answers in binary frames (what it reads may be either). */
    public static TestGate startWebSocketBinaryAnswers() throws IOException {
        return started(new WebSocketWire(true));
    }

    private static TestGate started(Wire wire) throws IOException {
        TestGate g = new TestGate(wire);
        g.listen();
        return g;
    }

    public int port() {
        return port;
    }

    public void acking(boolean on) {
        ack = on;
    }

    public synchronized void listen() throws IOException {
        port = wire.listen(port, this);
    }

    /** Like a skynet node going down: listener and connection closed, nothing acknowledged further. */
    public synchronized void stop() {
        wire.stop();
    }

    @Override
    public void close() {
        stop();
    }

    public boolean connected() {
        return wire.connected();
    }

    /** Sends {"name": name, "data": data}. */
    public void send(String name, JsonNode data) throws IOException {
        if (packed) {
            sendRaw(SkynetPack.pack(name, LuaValues.fromJson(data)));
            return;
        }
        var env = JSON.createObjectNode().put("name", name);
        env.set("data", data);
        sendRaw(JSON.writeValueAsBytes(env));
    }

    public void sendRaw(byte[] payload) throws IOException {
        wire.send(payload);
    }

    /** Sends a command and waits for its result. */
    public JsonNode call(String name, String dataJson) throws Exception {
        send(name, JSON.readTree(dataJson));
        JsonNode r = results.poll(5, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("no result for " + name);
        }
        return r;
    }

    /** One payload from skyrtc: a command result, a hello, or events to record and acknowledge. */
    void received(byte[] payload) throws IOException {
        packets.add(payload);
        if (payload.length > 0 && payload[0] != '{') {
            receivedPacked(SkynetPack.unpack(payload));
            return;
        }
        JsonNode msg = JSON.readTree(payload);
        if ("hello".equals(msg.path("name").asText())) {
            packed = false;
        }
        received(msg);
    }

    private void receivedPacked(List<Object> values) throws IOException {
        String name = (String) values.get(0);
        if (name.equals("hello")) {
            packed = true;
        }
        if (!name.equals("events")) {
            received(JSON.createObjectNode().put("name", name).set("data", LuaValues.toJson(values.get(1))));
            return;
        }
        for (Object ev : values.subList(1, values.size())) {
            ObjectNode data = (ObjectNode) LuaValues.toJson(ev);
            String type = data.remove("type").asText();
            ObjectNode msg = JSON.createObjectNode().put("name", type);
            msg.set("data", data);
            received(msg);
        }
    }

    private void received(JsonNode msg) throws IOException {
        if ("result".equals(msg.path("name").asText())) {
            results.add(msg.get("data"));
            return;
        }
        if ("hello".equals(msg.path("name").asText())) {
            hellos.add(msg.get("data"));
            return;
        }
        events.add(msg);
        if (ack) {
            send("ack", JSON.createObjectNode().put("seq", msg.path("data").path("seq").asLong()));
        }
    }
}
