package io.skyrtc.signaling.skynet.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.skyrtc.signaling.config.SkyrtcConfig;
import io.skyrtc.signaling.events.EventSink;
import io.skyrtc.signaling.events.RoomEvent;
import io.skyrtc.signaling.skynet.Outbox;
import io.skyrtc.signaling.skynet.OutboxReports;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Room events to a skynet node, at least once and in order: each event is a
 * {@code cluster.call(eventsNode, eventsAddress, "room_event", ev)}, and the call's answer is its
 * acknowledgement. Up to {@code window} calls are in flight; an event counts as delivered when every
 * event before it has been answered too. A lost connection, a timeout or a receiver that is not there
 * yet ("invalid address") stops delivery; after a back-off it starts again with {@code hello} and
 * re-sends everything unacknowledged. A receiver that raises an error got the event: that one is
 * counted as failed and not re-sent (re-sending would fail the same way forever).
 */
public final class ClusterEventLink implements EventSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterEventLink.class);

    /** What /healthz shows. */
    public record State(String node, String address, boolean up, int outboxDepth, long oldestUnackedMs, long lastSeq,
                        long ackedSeq, long dropped, long failed, long refusedTooLarge, long restarts) {}

    private final SkyrtcConfig.Cluster config;
    private final String localNode;
    private final String incarnation = Long.toHexString(new SecureRandom().nextLong() | Long.MIN_VALUE);
    private final ClusterClient client;
    private final ClusterAddress target;
    private final ObjectMapper json;
    private final Outbox outbox;
    private final Thread pump;
    private final Counter failed;
    private final Counter written;
    /** Answered events above the acknowledged prefix (answers may come back out of order). */
    private final TreeSet<Long> answered = new TreeSet<>();
    private volatile boolean running = true;
    private volatile boolean up;
    private volatile long restarts;

    public ClusterEventLink(SkyrtcConfig.Cluster config, String localNode, ClusterClient client, ObjectMapper json,
                            MeterRegistry metrics) {
        this.config = config;
        this.localNode = localNode;
        this.client = client;
        this.target = ClusterAddress.parse(config.eventsAddress());
        this.json = json;
        this.outbox = new Outbox(config.outboxMax(), config.overflow().equals("drop-oldest"));
        this.pump = new Thread(this::run, "cluster-events-" + config.eventsNode());
        pump.setDaemon(true);
        String n = config.eventsNode();
        Gauge.builder("skyrtc.cluster.events.up", this, l -> l.up ? 1 : 0).tag("node", n).register(metrics);
        OutboxReports.register(metrics, "skyrtc.cluster", "node", n, outbox, "maxMessageBytes");
        failed = Counter.builder("skyrtc.cluster.events.failed").tag("node", n)
                .description("events the receiving service raised an error for").register(metrics);
        written = Counter.builder("skyrtc.cluster.events.written").tag("node", n).register(metrics);
    }

    public ClusterEventLink start() {
        pump.start();
        return this;
    }

    @Override
    public void offer(RoomEvent event) {
        byte[] base = SkynetPack.pack("room_event", eventTable(event));
        int max = config.maxMessageBytes();
        Outbox.Offer r = outbox.add(seq -> {
            byte[] body = withSeq(base, seq);
            return body.length > max ? null : body;
        });
        OutboxReports.logOffer(LOG, "cluster events to " + config.eventsNode(), r, event, outbox, max,
                "maxMessageBytes", config.outboxMax());
    }

    public State state() {
        return new State(config.eventsNode(), config.eventsAddress(), up, outbox.depth(), outbox.oldestAgeMs(),
                outbox.lastSeq(), outbox.acked(), outbox.dropped(), (long) failed.count(), outbox.tooLarge(), restarts);
    }

    @Override
    public void close() {
        running = false;
        pump.interrupt();
    }

    /**
     * The event as a Lua table: {type="peer.joined", id=.., time=.., node=.., room=.., ...}; {@code type}
     * because {@code name} is a field of peer.joined (the peer's display name).
     */
    private Map<Object, Object> eventTable(RoomEvent event) {
        Map<Object, Object> table = new LinkedHashMap<>();
        table.put("type", event.type().wire());
        Object fields = LuaValues.fromJson(json.valueToTree(event));
        if (fields instanceof Map<?, ?> m) {
            m.forEach(table::put);
        }
        return table;
    }

    /**
     * {@code base} with {@code seq = N} added to the event table: the table is the last value packed, so
     * its closing nil byte is the last byte and the pair goes just before it (no re-serialization).
     */
    static byte[] withSeq(byte[] base, long seq) {
        byte[] pair = SkynetPack.pack("seq", seq);
        byte[] out = new byte[base.length + pair.length];
        System.arraycopy(base, 0, out, 0, base.length - 1);
        System.arraycopy(pair, 0, out, base.length - 1, pair.length);
        out[out.length - 1] = 0;
        return out;
    }

    private void run() {
        long backoff = config.reconnectMinMs();
        while (running) {
            try {
                hello();
                up = true;
                backoff = config.reconnectMinMs();
                ClusterException why = deliver();
                if (why != null) {
                    LOG.warn("cluster events to {}: delivery stopped: {}", config.eventsNode(), why.getMessage());
                }
            } catch (ClusterException e) {
                LOG.warn("cluster events to {}: {}", config.eventsNode(), e.getMessage());
            } catch (InterruptedException e) {
                return;
            }
            up = false;
            if (!running) {
                return;
            }
            restarts++;
            try {
                Thread.sleep(backoff / 2 + ThreadLocalRandom.current().nextLong(backoff / 2 + 1));
            } catch (InterruptedException e) {
                return;
            }
            backoff = Math.min(config.reconnectMaxMs(), backoff * 2);
        }
    }

    /** {@code "hello", {node, incarnation, ackedSeq, lastSeq}}: a new incarnation means seq restarted at 1. */
    private void hello() throws InterruptedException {
        Map<Object, Object> hello = new LinkedHashMap<>();
        hello.put("node", localNode);
        hello.put("incarnation", incarnation);
        hello.put("ackedSeq", outbox.acked());
        hello.put("lastSeq", outbox.lastSeq());
        try {
            client.call(target, config.callTimeoutMs(), "hello", hello).get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw ClusterException.of(e);
        }
    }

    /** Sends unacknowledged events, then new ones, until something stops delivery; returns why. */
    private ClusterException deliver() throws InterruptedException {
        Semaphore window = new Semaphore(config.window());
        AtomicReference<ClusterException> stop = new AtomicReference<>();
        long cursor = outbox.acked();
        while (running && stop.get() == null) {
            if (!window.tryAcquire(200, TimeUnit.MILLISECONDS)) {
                continue;
            }
            int free = 1 + window.drainPermits();
            List<Outbox.Entry> batch = outbox.after(cursor, 200, free);
            int used = 0;
            for (Outbox.Entry e : batch) {
                cursor = e.seq();
                if (isAnswered(e.seq())) {
                    continue;  // answered before a restart, but an earlier event was not
                }
                used++;
                written.increment();
                // never on a new connection: a new one starts with hello (the next round)
                client.callOnOpenConnection(target, e.payload(), config.callTimeoutMs()).whenComplete((r, error) -> {
                    window.release();
                    settle(e.seq(), error, stop);
                });
            }
            window.release(free - used);
        }
        if (stop.get() != null && stop.get().kind == ClusterException.Kind.TIMEOUT) {
            client.disconnect("event call timed out");  // answers still owed on it would be stale
        }
        return stop.get();
    }

    private void settle(long seq, Throwable error, AtomicReference<ClusterException> stop) {
        ClusterException e = error == null ? null : ClusterException.of(error);
        if (e != null && (e.kind != ClusterException.Kind.REMOTE || receiverMissing(e.getMessage()))) {
            stop.compareAndSet(null, e);
            return;
        }
        if (e != null) {
            failed.increment();
            LOG.error("cluster events to {}: the receiver raised an error for seq {}: {}", config.eventsNode(), seq,
                    e.getMessage());
        }
        synchronized (answered) {
            answered.add(seq);
            // seqs below the outbox's first entry were acknowledged or dropped by the overflow policy
            long acked = Math.max(outbox.acked(), outbox.firstSeq() - 1);
            while (answered.remove(acked + 1)) {
                acked++;
            }
            outbox.ack(acked);
            answered.headSet(acked, true).clear();
        }
    }

    private boolean isAnswered(long seq) {
        synchronized (answered) {
            return answered.contains(seq);
        }
    }

    /** skynet's answers when the service is not (yet) there: worth re-sending later. */
    private static boolean receiverMissing(String text) {
        return text.contains("invalid address") || text.equals("Invalid name");
    }
}
