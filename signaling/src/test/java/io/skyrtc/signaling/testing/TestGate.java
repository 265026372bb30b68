package io.skyrtc.signaling.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.skyrtc.signaling.skynet.GateFrames;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for skynet's standard gate + an agent: 2-byte big-endian framing, JSON envelopes,
 * cumulative acks (when enabled), commands out and results in. Stop and start again rebind the same
 * port, as a restarted skynet node does.
 */
public final class TestGate implements AutoCloseable {
    public static final ObjectMapper JSON = new ObjectMapper();

    /** Every event received, duplicates included, in arrival order. */
    public final List<JsonNode> events = java.util.Collections.synchronizedList(new ArrayList<>());
    public final BlockingQueue<JsonNode> results = new LinkedBlockingQueue<>();
    private volatile boolean ack = true;
    private int port;
    private ServerSocket server;
    private volatile Socket client;
    private volatile OutputStream out;

    public static TestGate start() throws IOException {
        TestGate g = new TestGate();
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
        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        port = server.getLocalPort();
        ServerSocket s = server;
        Thread t = new Thread(() -> accept(s), "test-gate");
        t.setDaemon(true);
        t.start();
    }

    /** Like a skynet node going down: listener and connection closed, nothing acknowledged further. */
    public synchronized void stop() {
        try {
            server.close();
            if (client != null) {
                client.close();
            }
        } catch (IOException ignored) {
            // closing
        }
        client = null;
        out = null;
    }

    @Override
    public void close() {
        stop();
    }

    public boolean connected() {
        return out != null;
    }

    /** Sends {"name": name, "data": data}. */
    public void send(String name, JsonNode data) throws IOException {
        var env = JSON.createObjectNode().put("name", name);
        env.set("data", data);
        sendRaw(JSON.writeValueAsBytes(env));
    }

    public void sendRaw(byte[] payload) throws IOException {
        OutputStream o = out;
        if (o == null) {
            throw new IOException("no connection");
        }
        synchronized (this) {
            o.write(GateFrames.frame(payload));
            o.flush();
        }
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

    private void accept(ServerSocket s) {
        while (!s.isClosed()) {
            try {
                Socket c = s.accept();
                c.setTcpNoDelay(true);
                client = c;
                out = c.getOutputStream();
                read(c);
            } catch (IOException e) {
                // listener closed or connection dropped
            }
        }
    }

    private void read(Socket c) throws IOException {
        BufferedInputStream in = new BufferedInputStream(c.getInputStream());
        byte[] p;
        while ((p = GateFrames.read(in)) != null) {
            JsonNode msg = JSON.readTree(p);
            if ("result".equals(msg.path("name").asText())) {
                results.add(msg.get("data"));
                continue;
            }
            events.add(msg);
            if (ack) {
                send("ack", JSON.createObjectNode().put("seq", msg.path("data").path("seq").asLong()));
            }
        }
    }
}
