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
import io.skyrtc.signaling.skynet.cluster.SkynetPack;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Recorder;

/**
 * The in-process FAKE skynet end of the gate benchmark (no skynet: an upper bound for skyrtc's side),
 * doing what rtc_agent does per event: read a 2-byte packet, decode it (JSON, or skynet.pack'ed
 * batches), and acknowledge cumulatively: every {@code ackEvery} events, and every 10 ms
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
                if (packet.length > 0 && packet[0] != '{') {
                    packed(SkynetPack.unpack(packet));
                } else {
                    JsonNode msg = json.readTree(packet);
                    JsonNode data = msg.get("data");
                    if (data.has("seq")) {  // else hello
                        event(msg.get("name").asText(), data.get("seq").asLong(), data.get("payload"));
                    }
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

    /** skynet.pack("events", ev...) decoded as rtc_agent's skynet.unpack would; hello and results skipped. */
    private void packed(List<Object> values) {
        if (!"events".equals(values.get(0))) {
            return;
        }
        for (Object v : values.subList(1, values.size())) {
            Map<?, ?> ev = (Map<?, ?>) v;
            Object payload = ev.get("payload");
            Object t = payload instanceof Map<?, ?> p ? p.get("t") : null;
            event((String) ev.get("type"), (Long) ev.get("seq"), t == null ? null : json.getNodeFactory().numberNode((Long) t));
        }
    }

    private void event(String type, long seq, JsonNode payloadOrT) {
        lastSeq.set(seq);
        if ("peer.data".equals(type) && payloadOrT != null) {
            long t = payloadOrT.isNumber() ? payloadOrT.asLong() : payloadOrT.get("t").asLong();
            latency.recordValue(Math.max(0, System.nanoTime() - t));
            received.incrementAndGet();
        }
    }

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
