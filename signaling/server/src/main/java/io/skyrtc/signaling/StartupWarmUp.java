package io.skyrtc.signaling;

import io.skyrtc.signaling.config.SkyrtcConfig;
import io.skyrtc.signaling.logs.EventLineAppender;
import io.skyrtc.signaling.room.RoomObserver;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up self-warm-up ({@code server.warmUpMs}). A freshly started JVM runs the signaling path in the
 * interpreter until the JIT has compiled it; under load that first stretch queues messages faster than
 * they are served and the node stalls for seconds. So before the real port opens, a throwaway server
 * (same classes, its own rooms, metrics and observers: nothing of it reaches the real node's counters,
 * events or actor core) is started on an ephemeral loopback port and driven the way browsers drive the
 * real one: upgrades, token joins, offers with browser-shaped SDP, answers, candidates, data, pings,
 * leaves, with hundreds of clients staying connected, and probes and token requests beside them. It
 * runs until the JIT has gone quiet under that traffic ({@link JitQuiet}), at most {@code warmUpMs}.
 * Then it is closed and the real server starts with that code compiled. {@code /readyz} says
 * "starting" throughout; the throwaway rooms' event lines are not written.
 */
public final class StartupWarmUp {
    private static final Logger LOG = LoggerFactory.getLogger(StartupWarmUp.class);
    /** Pairs driven at once: enough to keep both cores busy, few enough to start fast. */
    private static final int PAIRS = 2;
    /** Windows each pair exchanges per connection before it leaves and reconnects (joins get warm too). */
    private static final int MESSAGES_PER_JOIN = 200;
    /** Messages in flight each way. */
    private static final int WINDOW = 16;
    /**
     * Threads that only connect, join and hang up, beside the pairs: a connection's upgrade, join and
     * close run once per client, so without this churn the pairs' few joins leave that path to the
     * JIT of the first real clients (C2 then took half the CPU of a fresh node's first 2000 joins).
     */
    private static final int CHURNERS = 6;
    /**
     * Rooms each churner keeps open, closing the oldest as it opens a new one: real clients stay, so a
     * node serves its joins beside many open connections, rooms and idle timers, and the JIT should
     * profile the join path at those sizes, not beside near-empty maps.
     */
    private static final int HELD_ROOMS = 100;
    /** Traffic runs at least this long before the JIT's quiet is looked for (the first joins load classes). */
    private static final long MIN_MILLIS = 1_000;
    /** How often the JIT's compile time is sampled, and its share of that under which the JIT counts as quiet. */
    private static final long QUIET_SAMPLE_MILLIS = 500;
    private static final double QUIET_SHARE = 0.05;

    private StartupWarmUp() {}

    /** What a warm-up did; {@code failure} is null when nothing broke. */
    public record Result(long joins, long messages, String failure) {}

    /**
     * Drives traffic until the JIT has gone quiet under it (the paths it runs are compiled) or for
     * {@code millis} at most; never throws (a failed warm-up only costs the warmth).
     */
    public static Result run(SkyrtcConfig real, long millis) {
        long start = System.nanoTime();
        SkyrtcConfig config = throwaway(real);
        AtomicLong messages = new AtomicLong();
        AtomicLong joins = new AtomicLong();
        AtomicReference<String> failure = new AtomicReference<>();
        AtomicBoolean stop = new AtomicBoolean();
        String ended = "the time limit";
        EventLineAppender.mute(true);
        try (SkyrtcServer server = new SkyrtcServer(config, RoomObserver.NONE).unannounced()) {
            server.start();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < PAIRS; i++) {
                int pair = i;
                threads.add(thread("warm-up-" + i, () -> drive(server, pair, stop, messages, joins, failure)));
            }
            for (int i = 0; i < CHURNERS; i++) {
                int churner = i;
                threads.add(thread("warm-up-joins-" + i, () -> churn(server, churner, stop, joins, failure)));
            }
            threads.add(thread("warm-up-http", () -> probeAndMint(server, stop, failure)));
            if (JitQuiet.await(start, millis, MIN_MILLIS, QUIET_SAMPLE_MILLIS, QUIET_SHARE,
                    () -> joins.get() > 0, () -> failure.get() != null)) {
                ended = "the JIT going quiet";
            }
            stop.set(true);
            for (Thread t : threads) {
                t.join(10_000);
            }
        } catch (Exception e) {
            LOG.warn("start-up warm-up failed (the server starts cold): {}", e.toString());
        } finally {
            EventLineAppender.mute(false);
        }
        LOG.info("start-up warm-up: {} joins, {} relayed messages in {} ms, ended by {}{}", joins.get(),
                messages.get(), (System.nanoTime() - start) / 1_000_000, ended,
                failure.get() == null ? "" : " (stopped early: " + failure.get() + ")");
        return new Result(joins.get(), messages.get(), failure.get());
    }

    private static Thread thread(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** The real config on a loopback ephemeral port, in dev mode, without actor-core links. */
    private static SkyrtcConfig throwaway(SkyrtcConfig real) {
        SkyrtcConfig.Server s = real.server();
        SkyrtcConfig.Server server = new SkyrtcConfig.Server("127.0.0.1", 0, true, List.of(), 500, s.selectors(),
                s.workerThreads(), List.of(), new SkyrtcConfig.Metrics(List.of(), null), 0, "", 0,
                new SkyrtcConfig.Tls(null, null, false, null, 0), new SkyrtcConfig.Readiness(false, false));
        SkyrtcConfig.ActorCore core = new SkyrtcConfig.ActorCore(real.actorCore().node(), real.actorCore().nodeId(),
                List.of(), SkyrtcConfig.defaults().actorCore().cluster(), real.actorCore().drainTimeoutMs());
        SkyrtcConfig.Limits l = real.limits();
        // the real frame and SDP bounds (the same code paths), but no rate limit on the warm-up's bursts
        SkyrtcConfig.Limits limits = new SkyrtcConfig.Limits(l.maxFrameBytes(), l.maxSdpBytes(), l.maxNameChars(),
                l.maxMetaBytes(), l.maxRoomChars(), 1_000_000, 1_000_000, l.outboundQueueMax(), l.idleTimeoutMs(),
                l.pingIntervalMs(), Math.max(l.maxConnections(), 10_000), l.outboundQueueMaxBytes(), l.joinTimeoutMs(),
                10_000);
        SkyrtcConfig d = SkyrtcConfig.defaults();
        SkyrtcConfig.Turn t = real.turn();
        // the real TURN secrets (welcomes carry credentials), but no health checks towards the real servers
        SkyrtcConfig.Turn turn = new SkyrtcConfig.Turn(t.urls(), t.secrets(), t.ttlSeconds(), null, 0,
                t.checkTimeoutMs(), t.credentialsPerMinute(), t.credentialsBurst());
        // and never multi-node: the throwaway server must not take leases or join the real nodes' channels
        return new SkyrtcConfig(server, d.auth(), real.rooms(), limits, real.ice(), turn, d.vendors(), core,
                d.demo(), d.redis(), d.config(), d.logging());
    }

    /**
     * One pair's traffic, until {@code stop}: joins, windows of relayed messages each way, pings, a leave.
     */
    private static void drive(SkyrtcServer server, int pair, AtomicBoolean stop, AtomicLong messages,
                              AtomicLong joins, AtomicReference<String> failure) {
        String sdp = browserSdp();
        int round = 0;
        while (!stop.get()) {
            String room = "warm-up-" + pair + "-" + round++;
            try (WarmUpPeer a = new WarmUpPeer(server.port()); WarmUpPeer b = new WarmUpPeer(server.port())) {
                String token = server.roomTokens().issue(room, "a-" + round, null, 600,
                        io.skyrtc.signaling.protocol.ServerMessage.Grants.ALL).token();
                String idA = a.join("{\"type\":\"join\",\"room\":\"" + room + "\",\"token\":\"" + token + "\"}");
                String idB = b.join("{\"type\":\"join\",\"room\":\"" + room + "\",\"name\":\"b\"}");
                a.readUntil("\"peer-joined\"");
                joins.addAndGet(2);
                for (int i = 0; i < MESSAGES_PER_JOIN && !stop.get(); i++) {
                    String type = i % 4 == 0 ? "offer" : i % 4 == 1 ? "answer" : null;
                    String body = type != null
                            ? "{\"type\":\"" + type + "\",\"to\":\"%s\",\"sdp\":\"" + sdp + "\"}"
                            : i % 4 == 2 ? "{\"type\":\"candidate\",\"to\":\"%s\",\"candidate\":{\"candidate\":"
                                    + "\"candidate:1 1 udp 2122260223 192.168.1.2 54321 typ host\",\"sdpMid\":\"0\","
                                    + "\"sdpMLineIndex\":0}}"
                            : "{\"type\":\"data\",\"to\":\"%s\",\"payload\":{\"n\":" + i + ",\"s\":\"x\"}}";
                    // a window of messages each way, not ping-pong: the JIT needs volume, not round trips
                    for (int k = 0; k < WINDOW; k++) {
                        a.send(String.format(body, idB));
                    }
                    for (int k = 0; k < WINDOW; k++) {
                        b.readUntil("\"from\"");
                        b.send(String.format(body, idA));
                    }
                    for (int k = 0; k < WINDOW; k++) {
                        a.readUntil("\"from\"");
                    }
                    messages.addAndGet(2 * WINDOW);
                    if (i % 50 == 0) {
                        a.send("{\"type\":\"ping\",\"id\":\"p" + i + "\"}");
                        a.readUntil("\"pong\"");
                    }
                }
                b.send("{\"type\":\"leave\"}");
                a.readUntil("\"peer-left\"");
            } catch (IOException | RuntimeException e) {
                // the server is closing, or something broke: warm-up is best effort, but say what broke
                failure.compareAndSet(null, e.toString());
                return;
            }
        }
    }

    /**
     * Joins as a page does and leaves as most pages do (the tab closes: no {@code leave}, the socket
     * drops), two peers a room, one with a room token and one without, until {@code stop}; the last
     * {@link #HELD_ROOMS} rooms stay open meanwhile.
     */
    private static void churn(SkyrtcServer server, int churner, AtomicBoolean stop, AtomicLong joins,
                              AtomicReference<String> failure) {
        ArrayDeque<WarmUpPeer> open = new ArrayDeque<>();
        try {
            for (int round = 0; !stop.get(); round++) {
                String room = "warm-up-joins-" + churner + "-" + round;
                WarmUpPeer a = new WarmUpPeer(server.port());
                open.add(a);
                WarmUpPeer b = new WarmUpPeer(server.port());
                open.add(b);
                String token = server.roomTokens().issue(room, "a", null, 600,
                        io.skyrtc.signaling.protocol.ServerMessage.Grants.ALL).token();
                a.join("{\"type\":\"join\",\"room\":\"" + room + "\",\"token\":\"" + token + "\"}");
                b.join("{\"type\":\"join\",\"room\":\"" + room + "\",\"name\":\"b\"}");
                a.readUntil("\"peer-joined\"");
                joins.addAndGet(2);
                while (open.size() > 2 * HELD_ROOMS) {
                    open.poll().close();
                }
            }
        } catch (IOException | RuntimeException e) {
            failure.compareAndSet(null, e.toString());
        } finally {
            open.forEach(WarmUpPeer::closeQuietly);
        }
    }

    /**
     * What a monitor and a game backend send beside the clients: probes, a metrics scrape now and then,
     * and room tokens minted through the API (in dev mode with the dev key, as the throwaway server is).
     */
    private static void probeAndMint(SkyrtcServer server, AtomicBoolean stop, AtomicReference<String> failure) {
        try {
            for (int round = 0; !stop.get(); round++) {
                for (String path : List.of("/healthz", "/readyz", "/livez")) {
                    WarmUpPeer.http(server.port(), "GET", path, null, null);
                }
                if (round % 20 == 0) {
                    WarmUpPeer.http(server.port(), "GET", "/metrics", null, null);
                }
                // its answer may be 429 (the API's per-key rate limit): the refusal path is warm then too
                WarmUpPeer.http(server.port(), "POST", "/v1/tokens/room", "dev",
                        "{\"room\":\"warm-up-api-" + round + "\",\"identity\":\"u" + round + "\",\"name\":\"backend\"}");
                Thread.sleep(20);
            }
        } catch (IOException | RuntimeException e) {
            failure.compareAndSet(null, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A 1 KB SDP as a browser's JSON.stringify writes it: CRLF line ends escaped. */
    private static String browserSdp() {
        StringBuilder sb = new StringBuilder("v=0\\r\\no=- 4611731400430051336 2 IN IP4 127.0.0.1\\r\\ns=-\\r\\n");
        while (sb.length() < 1000) {
            sb.append("a=candidate:1 1 udp 2122260223 192.168.1.2 54321 typ host generation 0\\r\\n");
        }
        return sb.toString();
    }
}
