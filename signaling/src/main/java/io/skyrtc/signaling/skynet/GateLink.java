package io.skyrtc.signaling.skynet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.skyrtc.signaling.config.SkyrtcConfig;
import io.skyrtc.signaling.events.EventSink;
import io.skyrtc.signaling.events.RoomEvent;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A link to one skynet TCP gate: events out (at least once, in order, re-sent after a reconnect until
 * acknowledged), acks and commands in, results out. One writer thread owns the connection's lifecycle;
 * a reader thread per connection handles what the core sends.
 */
public final class GateLink implements EventSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GateLink.class);

    /** What /healthz shows for the link. */
    public record State(String name, String address, boolean up, int outboxDepth, long oldestUnackedMs,
                        long lastSeq, long ackedSeq, long dropped, long refusedTooLarge, long reconnects) {}

    private final SkyrtcConfig.Gate config;
    private final ObjectMapper json;
    private final CoreCommands commands;
    private final Outbox outbox;
    private final Thread writer;
    private volatile boolean running = true;
    private volatile Socket socket;
    private volatile long reconnects;

    public GateLink(SkyrtcConfig.Gate config, ObjectMapper json, CoreCommands commands) {
        this.config = config;
        this.json = json;
        this.commands = commands;
        this.outbox = new Outbox(config.outboxMax(), config.overflow().equals("drop-oldest"));
        this.writer = new Thread(this::run, "gate-" + name());
        writer.setDaemon(true);
    }

    public GateLink start() {
        writer.start();
        return this;
    }

    public String name() {
        return config.name() != null ? config.name() : config.host() + ":" + config.port();
    }

    @Override
    public void offer(RoomEvent event) {
        Outbox.Offer r = outbox.add(seq -> encode(event, seq));
        if (r == Outbox.Offer.REFUSED_TOO_LARGE) {
            LOG.error("gate {}: {} event for room {} is over 65535 bytes and was NOT sent (gate packet limit)",
                    name(), event.type().wire(), event.room());
        } else if (r != Outbox.Offer.ACCEPTED) {
            LOG.warn("gate {}: outbox full ({} events), {} (dropped so far: {})", name(), config.outboxMax(),
                    r == Outbox.Offer.DROPPED_OLDEST ? "dropped the oldest unacknowledged event" : "refused a new event",
                    outbox.dropped());
        }
    }

    public State state() {
        Socket s = socket;
        return new State(name(), config.host() + ":" + config.port(), s != null && !s.isClosed(), outbox.depth(),
                outbox.oldestAgeMs(), outbox.lastSeq(), outbox.acked(), outbox.dropped(), outbox.tooLarge(), reconnects);
    }

    @Override
    public void close() {
        running = false;
        closeSocket();
        writer.interrupt();
    }

    /** {"name": "peer.joined", "data": {...event..., "seq": N}}, framed; null when it would not fit a packet. */
    private byte[] encode(RoomEvent event, long seq) {
        ObjectNode data = json.valueToTree(event);
        data.remove("type");
        data.put("seq", seq);
        ObjectNode envelope = json.createObjectNode();
        envelope.put("name", event.type().wire());
        envelope.set("data", data);
        try {
            return GateFrames.frame(json.writeValueAsBytes(envelope));
        } catch (GateFrames.TooLarge e) {
            return null;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void run() {
        long backoff = config.reconnectMinMs();
        while (running) {
            try (Socket s = new Socket()) {
                s.setTcpNoDelay(true);
                s.connect(new InetSocketAddress(config.host(), config.port()), 2000);
                socket = s;
                backoff = config.reconnectMinMs();
                LOG.info("gate {}: connected; re-sending {} unacknowledged events from seq {}", name(), outbox.depth(),
                        outbox.acked() + 1);
                OutputStream out = new BufferedOutputStream(s.getOutputStream(), 64 * 1024);
                Thread reader = new Thread(() -> read(s, out), "gate-" + name() + "-reader");
                reader.setDaemon(true);
                reader.start();
                pump(s, out);
            } catch (IOException e) {
                if (running && socket != null) {
                    LOG.warn("gate {}: link down: {}", name(), e.toString());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                socket = null;
            }
            if (!running) {
                return;
            }
            reconnects++;
            long jittered = backoff / 2 + ThreadLocalRandom.current().nextLong(backoff / 2 + 1);
            try {
                Thread.sleep(jittered);
            } catch (InterruptedException e) {
                return;
            }
            backoff = Math.min(config.reconnectMaxMs(), backoff * 2);
        }
    }

    /** Sends everything not yet acknowledged, then new events as they come; returns when the socket dies. */
    private void pump(Socket s, OutputStream out) throws IOException, InterruptedException {
        long cursor = outbox.acked();
        while (running && !s.isClosed()) {
            List<Outbox.Entry> batch = outbox.after(cursor, 200);
            if (batch.isEmpty()) {
                continue;
            }
            synchronized (out) {
                for (Outbox.Entry e : batch) {
                    out.write(e.frame());
                }
                out.flush();
            }
            cursor = batch.get(batch.size() - 1).seq();
        }
    }

    private void read(Socket s, OutputStream out) {
        try (BufferedInputStream in = new BufferedInputStream(s.getInputStream())) {
            byte[] packet;
            while ((packet = GateFrames.read(in)) != null) {
                handle(packet, out);
            }
        } catch (IOException e) {
            // the writer sees the same failure and reconnects
        } finally {
            closeQuietly(s);
        }
    }

    private void handle(byte[] packet, OutputStream out) {
        JsonNode msg;
        try {
            msg = json.readTree(packet);
        } catch (IOException e) {
            reply(out, null, null, "bad-request", "not JSON");
            return;
        }
        String name = msg == null ? null : msg.path("name").asText(null);
        JsonNode data = msg == null ? null : msg.get("data");
        if ("ack".equals(name)) {
            outbox.ack(data == null ? 0 : data.path("seq").asLong(0));
            return;
        }
        JsonNode id = data != null && data.isObject() ? data.get("id") : null;
        if (name == null) {
            reply(out, id, null, "bad-request", "expected {\"name\": ..., \"data\": {...}}");
            return;
        }
        commands.run(name, data).whenComplete((result, error) -> {
            if (error == null) {
                reply(out, id, result, null, null);
            } else {
                Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                if (cause instanceof CoreCommands.Failure f) {
                    reply(out, id, null, f.code, f.getMessage());
                } else {
                    LOG.error("gate {}: command {} failed", name(), name, cause);
                    reply(out, id, null, "internal", "internal error");
                }
            }
        });
    }

    /** {"name":"result","data":{"id":..,"ok":true,"result":{..}}} or {"ok":false,"error":{code,message}}. */
    private void reply(OutputStream out, JsonNode id, JsonNode result, String code, String message) {
        ObjectNode data = json.createObjectNode();
        data.set("id", id);
        data.put("ok", code == null);
        if (code == null) {
            data.set("result", result);
        } else {
            data.putObject("error").put("code", code).put("message", message);
        }
        ObjectNode envelope = json.createObjectNode().put("name", "result");
        envelope.set("data", data);
        try {
            byte[] frame;
            try {
                frame = GateFrames.frame(json.writeValueAsBytes(envelope));
            } catch (GateFrames.TooLarge e) {
                reply(out, id, null, "too-large", "the result exceeds the gate's 65535-byte packet limit");
                return;
            }
            synchronized (out) {
                out.write(frame);
                out.flush();
            }
        } catch (IOException e) {
            LOG.warn("gate {}: could not send a command result: {}", name(), e.toString());
        }
    }

    private void closeSocket() {
        Socket s = socket;
        if (s != null) {
            closeQuietly(s);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
