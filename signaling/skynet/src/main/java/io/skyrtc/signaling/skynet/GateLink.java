package io.skyrtc.signaling.skynet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.skyrtc.signaling.actorcore.CoreFailure;
import io.skyrtc.signaling.events.EventSink;
import io.skyrtc.signaling.events.RoomEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A link to one skynet gate (TCP or WebSocket): events out (at least once, in order, re-sent after a
 * reconnect until acknowledged; batched per packet in the {@code skynet} encoding), acks and commands
 * in, results out. One writer thread owns the connection's lifecycle; the transport's reader hands in
 * what the core sends.
 */
public final class GateLink implements EventSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GateLink.class);
    /** Events taken from the outbox per flush at most; pipelined, never waiting for acks (docs/ACTOR-CORE.md). */
    private static final int FLUSH_EVENTS = 1024;

    /** What /healthz shows for the link. */
    public record State(String name, String transport, String encoding, String address, boolean up, int outboxDepth,
                        long oldestUnackedMs, long lastSeq, long ackedSeq, long dropped, long evictedUnacked,
                        long refusedTooLarge, long ignoredPackets, long reconnects) {}

    private final GateSettings config;
    private final String node;
    /** Random per link instance: a new one tells the core that seq restarted at 1 (skyrtc restarted). */
    private final String incarnation = Long.toHexString(new java.security.SecureRandom().nextLong() | Long.MIN_VALUE);
    private final GateTransport transport;
    private final GateEncoding encoding;
    private final ObjectMapper json;
    private final CoreCommands commands;
    private final Outbox outbox;
    private final Thread writer;
    private final Counter written;
    private final Counter packets;
    private final Counter commandsRun;
    private final Counter ignored;
    private final LogThrottle ignoredLog = new LogThrottle(10_000);
    private volatile boolean running = true;
    private volatile GateTransport.Connection connection;
    /** Up: connected and the hello is on the wire, so the core can name this node in commands. */
    private volatile boolean helloWritten;
    private volatile long reconnects;

    public GateLink(GateSettings config, String node, ObjectMapper json, CoreCommands commands,
                    MeterRegistry metrics) {
        this.config = config;
        this.node = node;
        this.json = json;
        this.commands = commands;
        this.encoding = GateEncoding.of(config.encoding().toString(), json);
        this.outbox = new Outbox(config.outboxMax(), config.overflow() == Overflow.DROP_OLDEST);
        this.transport = config.websocket()
                ? new WsGateTransport(config.host(), config.port(), config.path(), config.tls(), config.skynetEncoding())
                : new TcpGateTransport(config.host(), config.port(), "gate-" + name());
        this.writer = new Thread(this::run, "gate-" + name());
        writer.setDaemon(true);
        String n = name();
        Gauge.builder("skyrtc.gate.up", this, l -> l.isUp() ? 1 : 0).tag("gate", n).register(metrics);
        OutboxReports.register(metrics, "skyrtc.gate", "gate", n, outbox, "maxPayloadBytes");
        FunctionCounter.builder("skyrtc.gate.reconnects", this, l -> l.reconnects).tag("gate", n).register(metrics);
        written = Counter.builder("skyrtc.gate.events.written").tag("gate", n)
                .description("events written, re-sends included").register(metrics);
        packets = Counter.builder("skyrtc.gate.packets.written").tag("gate", n)
                .description("event packets written (several events each in the skynet encoding)").register(metrics);
        commandsRun = Counter.builder("skyrtc.gate.commands").tag("gate", n).register(metrics);
        ignored = Counter.builder("skyrtc.gate.packets.ignored").tag("gate", n)
                .description("packets from the gate that were neither an ack nor a command (not answered)")
                .register(metrics);
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
        GateEncoding.Prepared prepared = encoding.prepare(event);
        int max = config.maxPayloadBytes() - encoding.packetOverhead();
        Outbox.Offer r = outbox.add(seq -> {
            byte[] payload = prepared.withSeq(seq);
            return payload.length > max ? null : payload;
        });
        OutboxReports.logOffer(LOG, "gate " + name(), r, event, outbox, config.maxPayloadBytes(), "maxPayloadBytes",
                config.outboxMax());
    }

    public State state() {
        return new State(name(), config.transport().toString(), config.encoding().toString(), transport.address(), isUp(), outbox.depth(),
                outbox.oldestAgeMs(), outbox.lastSeq(), outbox.acked(), outbox.dropped(), outbox.evictedUnacked(),
                outbox.tooLarge(), (long) ignored.count(), reconnects);
    }

    /** The highest seq the core acknowledged (cheap: for pacing loops that cannot afford {@link #state}). */
    public long ackedSeq() {
        return outbox.acked();
    }

    private boolean isUp() {
        GateTransport.Connection c = connection;
        return c != null && helloWritten && c.isOpen();
    }

    /**
     * Stops the link after waiting up to {@code drainTimeoutMs} for the core to acknowledge every
     * event (the rooms' shutdown events included); what is still unacknowledged then is logged.
     */
    @Override
    public void close() {
        long deadline = System.nanoTime() + config.drainTimeoutMs() * 1_000_000;
        while (outbox.depth() > 0 && System.nanoTime() < deadline && writer.isAlive()) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (outbox.depth() > 0) {
            LOG.error("gate {}: stopping with {} events unacknowledged (seq {}..{}): the core may not have them "
                    + "(drainTimeoutMs {})", name(), outbox.depth(), outbox.firstSeq(), outbox.lastSeq(),
                    config.drainTimeoutMs());
        } else if (outbox.lastSeq() > 0) {
            LOG.info("gate {}: every event acknowledged (up to seq {}), link closed", name(), outbox.lastSeq());
        }
        running = false;
        GateTransport.Connection c = connection;
        if (c != null) {
            c.close();
        }
        writer.interrupt();
    }

    /**
     * First message on every connection, flushed at once: {node, incarnation, ackedSeq, lastSeq}. Not an
     * event (no seq, not acknowledged): it names the node before any event, so game code can command
     * skyrtc on an idle link, and lets the core reset its duplicate filter when the incarnation changes.
     */
    private byte[] hello() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("node", node);
        fields.put("incarnation", incarnation);
        fields.put("ackedSeq", outbox.acked());
        fields.put("lastSeq", outbox.lastSeq());
        return encoding.hello(fields);
    }

    /**
     * {"name": "peer.joined", "data": {...event..., "seq": N}} as JSON bytes. The event is serialized
     * once, outside the outbox lock; under the lock only the seq is spliced in.
     */
    static final class Envelope {
        private final byte[] head;
        private final byte[] body;

        Envelope(ObjectMapper json, RoomEvent event) {
            this.head = ("{\"name\":\"" + event.type().wire() + "\",\"data\":").getBytes(StandardCharsets.UTF_8);
            try {
                this.body = json.writeValueAsBytes(event);  // an object: ends with '}'
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The size without the seq digits. */
        int baseSize() {
            return head.length + body.length + SEQ_FIELD.length + 1;
        }

        byte[] withSeq(long seq) {
            byte[] digits = Long.toString(seq).getBytes(StandardCharsets.US_ASCII);
            byte[] out = new byte[baseSize() + digits.length];
            int at = 0;
            System.arraycopy(head, 0, out, at, head.length);
            at += head.length;
            System.arraycopy(body, 0, out, at, body.length - 1);
            at += body.length - 1;
            System.arraycopy(SEQ_FIELD, 0, out, at, SEQ_FIELD.length);
            at += SEQ_FIELD.length;
            System.arraycopy(digits, 0, out, at, digits.length);
            at += digits.length;
            out[at++] = '}';
            out[at] = '}';
            return out;
        }

        private static final byte[] SEQ_FIELD = ",\"seq\":".getBytes(StandardCharsets.US_ASCII);
    }

    private void run() {
        long backoff = config.reconnectMinMs();
        while (running) {
            GateTransport.Connection c = null;
            try {
                c = transport.connect();
                connection = c;
                c.startReading(this::handle);
                c.write(hello());
                c.flush();
                helloWritten = true;
                backoff = config.reconnectMinMs();
                io.skyrtc.signaling.logs.EventLog.info("link", "kind", "gate", "name", name(), "state", "up",
                        "address", transport.address());
                LOG.info("gate {}: connected to {} ({} encoding); re-sending {} unacknowledged events from seq {}",
                        name(), transport.address(), config.encoding(), outbox.depth(), outbox.acked() + 1);
                pump(c);
                if (running) {
                    io.skyrtc.signaling.logs.EventLog.info("link", "kind", "gate", "name", name(), "state", "down",
                            "why", "closed by the gate");
                    LOG.warn("gate {}: link down (closed by the gate)", name());
                }
            } catch (IOException e) {
                if (running && connection != null) {
                    io.skyrtc.signaling.logs.EventLog.info("link", "kind", "gate", "name", name(), "state", "down",
                            "why", e.toString());
                    LOG.warn("gate {}: link down: {}", name(), e.toString());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                helloWritten = false;
                outbox.connectionLost();
                if (c != null) {
                    c.close();
                }
                connection = null;
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

    /** Sends everything not yet acknowledged, then new events as they come; returns when the connection dies. */
    private void pump(GateTransport.Connection c) throws IOException, InterruptedException {
        long cursor = outbox.acked();
        while (running && c.isOpen()) {
            List<Outbox.Entry> batch = outbox.after(cursor, 200, FLUSH_EVENTS);
            if (batch.isEmpty()) {
                continue;
            }
            int n = encoding.writeEvents(batch, c, config.maxPayloadBytes(), config.batchMaxEvents());
            c.flush();
            written.increment(batch.size());
            packets.increment(n);
            cursor = batch.get(batch.size() - 1).seq();
        }
    }

    /** One payload from the gate: an ack, a command to run and answer, or neither (counted, never answered). */
    private void handle(byte[] payload) {
        GateInbound in = GateInbound.parse(payload, json);
        if (in instanceof GateInbound.Ack a) {
            outbox.ack(a.seq());
        } else if (in instanceof GateInbound.Command cmd) {
            run(cmd);
        } else if (in instanceof GateInbound.NotACommand n) {
            ignored.increment();
            long since = ignoredLog.occurred();
            if (since >= 0) {
                LOG.warn("gate {}: {} packet(s) that are neither an ack nor a command, not answered (latest: {}, "
                        + "{} bytes)", name(), since, n.why(), payload.length);
            }
        }
    }

    private void run(GateInbound.Command cmd) {
        commandsRun.increment();
        commands.run(cmd.name(), cmd.data()).whenComplete((result, error) -> {
            if (error == null) {
                reply(cmd.id(), result, null, null);
                return;
            }
            CoreFailure f = CoreFailure.of(error);
            if (f != null) {
                reply(cmd.id(), null, f.code().wire(), f.getMessage());
            } else {
                Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                LOG.error("gate {}: command {} failed", name(), cmd.name(), cause);
                reply(cmd.id(), null, "internal", "internal error");
            }
        });
    }

    /** The result's data: {"id":..,"ok":true,"result":{..}} or {"ok":false,"error":{code,message}}. */
    private void reply(JsonNode id, JsonNode result, String code, String message) {
        GateTransport.Connection c = connection;
        if (c == null) {
            LOG.warn("gate {}: link down, a command result (id {}) is lost; the core should retry", name(), id);
            return;
        }
        try {
            byte[] payload = encoding.result(data(id, result, code, message));
            if (payload.length > config.maxPayloadBytes()) {
                payload = encoding.result(data(id, null, "too-large",
                        "the result exceeds this link's " + config.maxPayloadBytes() + "-byte limit"));
            }
            c.write(payload);
            c.flush();
        } catch (IOException e) {
            LOG.warn("gate {}: could not send a command result: {}", name(), e.toString());
        }
    }

    private ObjectNode data(JsonNode id, JsonNode result, String code, String message) {
        return CoreCommands.resultData(json, id, result, code, message);
    }
}
