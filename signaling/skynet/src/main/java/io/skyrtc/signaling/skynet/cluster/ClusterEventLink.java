package io.skyrtc.signaling.skynet.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.skyrtc.signaling.events.EventSink;
import io.skyrtc.signaling.events.RoomEvent;
import io.skyrtc.signaling.skynet.EventTables;
import io.skyrtc.signaling.skynet.Outbox;
import io.skyrtc.signaling.skynet.OutboxReports;
import java.security.SecureRandom;
import java.util.ArrayList;
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
 * {@code cluster.call(eventsNode, eventsAddress, "room_event", ev)}, or, when several are ready and the
 * receiver's answer to hello said {@code batch = true}, up to {@code batchMax} of them in one
 * {@code cluster.call(..., "room_events", {ev, ...})}; the call's answer is the acknowledgement. Up to
 * {@code window} calls are in flight; an event counts as delivered when every event before it has been
 * answered too. A lost connection, a timeout or a receiver that is not there
 * yet ("invalid address") stops delivery; after a back-off it starts again with {@code hello} and
 * re-sends everything unacknowledged. A receiver that raises an error got the event: that one is
 * counted as failed and not re-sent (re-sending would fail the same way forever).
 */
public final class ClusterEventLink implements EventSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterEventLink.class);

    /** What /healthz shows. */
    public record State(String node, String address, boolean up, int outboxDepth, long oldestUnackedMs, long lastSeq,
                        long ackedSeq, long dropped, long evictedUnacked, long failed, long refusedTooLarge,
                        long restarts, boolean batches, long calls, long undelivered) {}

    /** One call carries at most this many bytes of events, so it stays one cluster packet (no parts). */
    static final int BATCH_BYTES = 32 * 1024 - 512;
    private static final byte[] ROOM_EVENT = SkynetPack.pack("room_event");
    private static final byte[] ROOM_EVENTS = SkynetPack.pack("room_events");

    private final ClusterSettings config;
    private final String localNode;
    private final String incarnation = Long.toHexString(new SecureRandom().nextLong() | Long.MIN_VALUE);
    private final ClusterClient client;
    private final ClusterAddress target;
    private final ObjectMapper json;
    private final Outbox outbox;
    private final Thread pump;
    private final Counter failed;
    private final Counter written;
    private final Counter calls;
    private final Counter undelivered;
    /** The receiver said (answer to hello) that it takes "room_events" batches. */
    private volatile boolean batches;
    /** Answered events above the acknowledged prefix (answers may come back out of order). */
    private final TreeSet<Long> answered = new TreeSet<>();
    private volatile boolean running = true;
    private volatile boolean up;
    private volatile long restarts;

    public ClusterEventLink(ClusterSettings config, String localNode, ClusterClient client, ObjectMapper json,
                            MeterRegistry metrics) {
        this.config = config;
        this.localNode = localNode;
        this.client = client;
        this.target = ClusterAddress.parse(config.eventsAddress());
        this.json = json;
        this.outbox = new Outbox(config.outboxMax(), config.overflow() == io.skyrtc.signaling.skynet.Overflow.DROP_OLDEST);
        this.pump = new Thread(this::run, "cluster-events-" + config.eventsNode());
        pump.setDaemon(true);
        String n = config.eventsNode();
        Gauge.builder("skyrtc.cluster.events.up", this, l -> l.up ? 1 : 0).tag("node", n).register(metrics);
        OutboxReports.register(metrics, "skyrtc.cluster", "node", n, outbox, "maxMessageBytes");
        failed = Counter.builder("skyrtc.cluster.events.failed").tag("node", n)
                .description("events the receiving service raised an error for").register(metrics);
        written = Counter.builder("skyrtc.cluster.events.written").tag("node", n).register(metrics);
        calls = Counter.builder("skyrtc.cluster.events.calls").tag("node", n)
                .description("cluster calls that carried events (a batch is one)").register(metrics);
        undelivered = Counter.builder("skyrtc.cluster.events.undelivered").tag("node", n)
                .description("events still unacknowledged when shutdown's drain timed out").register(metrics);
    }

    public ClusterEventLink start() {
        pump.start();
        return this;
    }

    @Override
    public void offer(RoomEvent event) {
            byte[] base = EventTables.pack(event);
        int max = config.maxMessageBytes() - ROOM_EVENT.length;
        Outbox.Offer r = outbox.add(seq -> {
            byte[] table = EventTables.withSeq(base, seq);  // the outbox keeps the packed table; calls are built around it
            return table.length > max ? null : table;
        });
        OutboxReports.logOffer(LOG, "cluster events to " + config.eventsNode(), r, event, outbox, max,
                "maxMessageBytes", config.outboxMax());
    }

    public State state() {
        return new State(config.eventsNode(), config.eventsAddress(), up, outbox.depth(), outbox.oldestAgeMs(),
                outbox.lastSeq(), outbox.acked(), outbox.dropped(), outbox.evictedUnacked(), (long) failed.count(),
                outbox.tooLarge(), restarts,
                batches, (long) calls.count(), (long) undelivered.count());
    }

    /**
     * Waits up to {@code timeoutMs} for every event offered so far to be acknowledged (delivery goes on
     * meanwhile); returns how many were not, which are logged at ERROR and counted as undelivered.
     */
    public long drain(long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        long last = outbox.lastSeq();
        while (outbox.acked() < last && outbox.firstSeq() <= last && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        long first = Math.max(outbox.acked(), outbox.firstSeq() - 1) + 1;
        long left = Math.max(0, last - first + 1);
        if (left > 0) {
            undelivered.increment(left);
            LOG.error("cluster events to {}: {} events (seq {}..{}) were NOT delivered: not acknowledged within "
                    + "actorCore.drainTimeoutMs = {} ms of shutdown", config.eventsNode(), left, first, last, timeoutMs);
        } else if (last > 0) {
            LOG.info("cluster events to {}: all {} events delivered before shutdown", config.eventsNode(), last);
        }
        return left;
    }

    @Override
    public void close() {
        running = false;
        pump.interrupt();
    }

    private void run() {
        long backoff = config.reconnectMinMs();
        while (running) {
            try {
                hello();
                up = true;
                io.skyrtc.signaling.logs.EventLog.info("link", "kind", "cluster", "name", config.eventsNode(),
                        "state", "up");
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
            if (up && running) {
                io.skyrtc.signaling.logs.EventLog.info("link", "kind", "cluster", "name", config.eventsNode(),
                        "state", "down");
            }
            // what that connection carried and did not get answered is sent again, or, evicted first, dropped
            outbox.connectionLost();
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

    /**
     * {@code "hello", {node, incarnation, ackedSeq, lastSeq}}: a new incarnation means seq restarted at 1.
     * A receiver that answers {@code {batch = true}} gets batches.
     */
    private void hello() throws InterruptedException {
        Map<Object, Object> hello = new LinkedHashMap<>();
        hello.put("node", localNode);
        hello.put("incarnation", incarnation);
        hello.put("ackedSeq", outbox.acked());
        hello.put("lastSeq", outbox.lastSeq());
        try {
            List<Object> answer = client.call(target, config.callTimeoutMs(), "hello", hello).get();
            boolean takesBatches = !answer.isEmpty() && answer.get(0) instanceof Map<?, ?> m
                    && Boolean.TRUE.equals(m.get("batch"));
            if (takesBatches != batches) {
                LOG.info("cluster events to {}: the receiver {} batches", config.eventsNode(),
                        takesBatches ? "takes" : "does not take");
            }
            batches = takesBatches;
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
            int perCall = batches ? config.batchMax() : 1;
            List<Outbox.Entry> ready = outbox.after(cursor, 200, free * perCall);
            int used = 0;
            List<Outbox.Entry> call = new ArrayList<>(Math.min(perCall, ready.size()));
            int bytes = 0;
            for (int i = 0; i <= ready.size(); i++) {
                Outbox.Entry e = i < ready.size() ? ready.get(i) : null;
                boolean full = !call.isEmpty() && (e == null || call.size() == perCall
                        || bytes + e.payload().length > BATCH_BYTES);
                if (full) {
                    used++;
                    send(call, window, stop);
                    call = new ArrayList<>(perCall);
                    bytes = 0;
                    if (used == free) {
                        break;
                    }
                }
                if (e == null) {
                    break;
                }
                cursor = e.seq();
                if (isAnswered(e.seq())) {
                    continue;  // answered before a restart, but an earlier event was not
                }
                call.add(e);
                bytes += e.payload().length;
            }
            window.release(free - used);
        }
        if (stop.get() != null && stop.get().kind == ClusterException.Kind.TIMEOUT) {
            client.disconnect("event call timed out");  // answers still owed on it would be stale
        }
        return stop.get();
    }

    /** One call for {@code events}: "room_event", ev for one, "room_events", {ev, ...} for several. */
    private void send(List<Outbox.Entry> events, Semaphore window, AtomicReference<ClusterException> stop) {
        written.increment(events.size());
        calls.increment();
        long[] seqs = events.stream().mapToLong(Outbox.Entry::seq).toArray();
        // never on a new connection: a new one starts with hello (the next round)
        client.callOnOpenConnection(target, body(events), config.callTimeoutMs()).whenComplete((r, error) -> {
            window.release();
            settle(seqs, error, stop);
        });
    }

    /** The call's body from the packed event tables the outbox keeps (no re-serialization). */
    static byte[] body(List<Outbox.Entry> events) {
        if (events.size() == 1) {
            return concat(ROOM_EVENT, events.get(0).payload());
        }
        // skynet.pack("room_events", {ev1, ..., evN}): a table whose array part holds the events
        int n = events.size();
        byte[] head = n < 31 ? new byte[] {(byte) (6 | n << 3)} : concat(new byte[] {(byte) (6 | 31 << 3)},
                SkynetPack.pack((long) n));
        int size = ROOM_EVENTS.length + head.length + 1;
        for (Outbox.Entry e : events) {
            size += e.payload().length;
        }
        byte[] out = new byte[size];
        int at = put(out, 0, ROOM_EVENTS);
        at = put(out, at, head);
        for (Outbox.Entry e : events) {
            at = put(out, at, e.payload());
        }
        out[at] = 0;  // no hash part
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        put(out, put(out, 0, a), b);
        return out;
    }

    private static int put(byte[] out, int at, byte[] part) {
        System.arraycopy(part, 0, out, at, part.length);
        return at + part.length;
    }

    private void settle(long[] seqs, Throwable error, AtomicReference<ClusterException> stop) {
        ClusterException e = error == null ? null : ClusterException.of(error);
        if (e != null && (e.kind != ClusterException.Kind.REMOTE || receiverMissing(e.getMessage()))) {
            stop.compareAndSet(null, e);
            return;
        }
        if (e != null) {
            failed.increment(seqs.length);
            LOG.error("cluster events to {}: the receiver raised an error for seq {}..{}: {}", config.eventsNode(),
                    seqs[0], seqs[seqs.length - 1], e.getMessage());
        }
        synchronized (answered) {
            for (long seq : seqs) {
                answered.add(seq);
            }
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
