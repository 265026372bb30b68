package io.skyrtc.signaling.bench;

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
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Recorder;

/**
 * The skynet end of the gate benchmark, doing what rtc_agent does per event: read a 2-byte packet,
 * decode its JSON, and acknowledge cumulatively: every {@code ackEvery} events, and every 10 ms
 * when something is unacknowledged. Latency is measured from the nanoTime the producer put in the
 * peer.data payload to the moment the event is decoded here.
 */
final class BenchGate implements AutoCloseable {
    private final ObjectMapper json = new ObjectMapper();
    private final ServerSocket server;
    private final int ackEvery;
    final AtomicLong received = new AtomicLong();
    final AtomicLong lastSeq = new AtomicLong();
    final Recorder latency = new Recorder(3);
    private volatile Socket client;

    BenchGate(int ackEvery) throws IOException {
        this.ackEvery = ackEvery;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread t = new Thread(this::serve, "bench-gate");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void serve() {
        try (Socket c = server.accept()) {
            client = c;
            c.setTcpNoDelay(true);
            BufferedInputStream in = new BufferedInputStream(c.getInputStream(), 64 * 1024);
            OutputStream out = c.getOutputStream();
            Thread timer = new Thread(() -> {
                while (!c.isClosed()) {
                    try {
                        Thread.sleep(10);
                        ack(out);
                    } catch (InterruptedException | IOException e) {
                        return;
                    }
                }
            }, "bench-gate-acks");
            timer.setDaemon(true);
            timer.start();
            byte[] packet;
            while ((packet = GateFrames.read(in)) != null) {
                JsonNode msg = json.readTree(packet);
                JsonNode data = msg.get("data");
                if (!data.has("seq")) {
                    continue;  // hello
                }
                lastSeq.set(data.get("seq").asLong());
                if ("peer.data".equals(msg.get("name").asText())) {
                    latency.recordValue(Math.max(0, System.nanoTime() - data.get("payload").get("t").asLong()));
                    received.incrementAndGet();
                }
                if (lastSeq.get() - acked >= ackEvery) {
                    ack(out);
                }
            }
        } catch (IOException e) {
            // closed at the end of the run
        }
    }

    private long acked;

    private synchronized void ack(OutputStream out) throws IOException {
        long seq = lastSeq.get();
        if (seq > acked) {
            out.write(GateFrames.frame(("{\"name\":\"ack\",\"data\":{\"seq\":" + seq + "}}")
                    .getBytes(StandardCharsets.UTF_8)));
            out.flush();
            acked = seq;
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        Socket c = client;
        if (c != null) {
            c.close();
        }
    }
}
