package io.skyrtc.signaling;

import io.skyrtc.signaling.config.SkyrtcConfig;
import io.skyrtc.signaling.room.RoomObserver;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
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
 * leaves. Then it is closed and the real server starts with that code compiled. {@code /readyz} says
 * "starting" throughout.
 */
final class StartupWarmUp {
    private static final Logger LOG = LoggerFactory.getLogger(StartupWarmUp.class);
    /** Pairs driven at once: enough to keep both cores busy, few enough to start fast. */
    private static final int PAIRS = 4;
    /** Windows each pair exchanges per connection before it leaves and reconnects (joins get warm too). */
    private static final int MESSAGES_PER_JOIN = 200;
    /** Messages in flight each way. */
    private static final int WINDOW = 16;

    private StartupWarmUp() {}

    /** What a warm-up did; {@code failure} is null when nothing broke. */
    record Result(long joins, long messages, String failure) {}

    /** Drives traffic for about {@code millis}; never throws (a failed warm-up only costs the warmth). */
    static Result run(SkyrtcConfig real, long millis) {
        long start = System.nanoTime();
        SkyrtcConfig config = throwaway(real);
        AtomicLong messages = new AtomicLong();
        AtomicLong joins = new AtomicLong();
        AtomicReference<String> failure = new AtomicReference<>();
        try (SkyrtcServer server = new SkyrtcServer(config, RoomObserver.NONE).unannounced()) {
            server.start();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < PAIRS; i++) {
                int pair = i;
                Thread t = new Thread(() -> drive(server, pair, millis, messages, joins, failure), "warm-up-" + i);
                t.setDaemon(true);
                t.start();
                threads.add(t);
            }
            for (Thread t : threads) {
                t.join(millis + 10_000);
            }
        } catch (Exception e) {
            LOG.warn("start-up warm-up failed (the server starts cold): {}", e.toString());
        }
        LOG.info("start-up warm-up: {} joins, {} relayed messages in {} ms{}", joins.get(), messages.get(),
                (System.nanoTime() - start) / 1_000_000, failure.get() == null ? "" : " (stopped early: "
                        + failure.get() + ")");
        return new Result(joins.get(), messages.get(), failure.get());
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
                l.pingIntervalMs(), l.maxConnections(), l.outboundQueueMaxBytes(), l.joinTimeoutMs(), 1_000);
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
     * One pair's traffic: {@code millis} of it, counted from the pair's first welcome (a cold JVM's first
     * joins load and link most classes, which can take longer than the whole budget on a busy machine).
     */
    private static void drive(SkyrtcServer server, int pair, long millis, AtomicLong messages, AtomicLong joins,
                              AtomicReference<String> failure) {
        String sdp = browserSdp();
        int round = 0;
        long deadline = Long.MAX_VALUE;
        while (deadline == Long.MAX_VALUE || System.nanoTime() - deadline < 0) {
            String room = "warm-up-" + pair + "-" + round++;
            try (Peer a = new Peer(server.port()); Peer b = new Peer(server.port())) {
                String token = server.roomTokens().issue(room, "a-" + round, null, 600,
                        io.skyrtc.signaling.protocol.ServerMessage.Grants.ALL).token();
                String idA = a.join("{\"type\":\"join\",\"room\":\"" + room + "\",\"token\":\"" + token + "\"}");
                String idB = b.join("{\"type\":\"join\",\"room\":\"" + room + "\",\"name\":\"b\"}");
                a.readUntil("\"peer-joined\"");
                joins.addAndGet(2);
                if (deadline == Long.MAX_VALUE) {
                    deadline = System.nanoTime() + millis * 1_000_000L;
                }
                for (int i = 0; i < MESSAGES_PER_JOIN && System.nanoTime() - deadline < 0; i++) {
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

    /** A 1 KB SDP as a browser's JSON.stringify writes it: CRLF line ends escaped. */
    private static String browserSdp() {
        StringBuilder sb = new StringBuilder("v=0\\r\\no=- 4611731400430051336 2 IN IP4 127.0.0.1\\r\\ns=-\\r\\n");
        while (sb.length() < 1000) {
            sb.append("a=candidate:1 1 udp 2122260223 192.168.1.2 54321 typ host generation 0\\r\\n");
        }
        return sb.toString();
    }

    /** A minimal blocking WebSocket client: masked text frames out, unmasked frames in. */
    private static final class Peer implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        Peer(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(5_000);
            in = socket.getInputStream();
            out = socket.getOutputStream();
            byte[] key = new byte[16];
            ThreadLocalRandom.current().nextBytes(key);
            out.write(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Origin: http://127.0.0.1:" + port + "\r\nSec-WebSocket-Key: "
                    + Base64.getEncoder().encodeToString(key) + "\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            int matched = 0;
            while (matched < 4) {
                int c = in.read();
                if (c < 0) {
                    throw new IOException("warm-up upgrade refused");
                }
                matched = c == "\r\n\r\n".charAt(matched) ? matched + 1 : c == '\r' ? 1 : 0;
            }
        }

        String join(String json) throws IOException {
            send(json);
            String welcome = readUntil("\"welcome\"");
            int at = welcome.indexOf("\"peerId\":\"") + 10;
            return welcome.substring(at, welcome.indexOf('"', at));
        }

        void send(String json) throws IOException {
            byte[] p = json.getBytes(StandardCharsets.UTF_8);
            int header = p.length < 126 ? 2 : 4;
            byte[] f = new byte[header + 4 + p.length];
            f[0] = (byte) 0x81;
            if (p.length < 126) {
                f[1] = (byte) (0x80 | p.length);
            } else {
                f[1] = (byte) (0x80 | 126);
                f[2] = (byte) (p.length >>> 8);
                f[3] = (byte) p.length;
            }
            int mask = ThreadLocalRandom.current().nextInt();
            for (int i = 0; i < 4; i++) {
                f[header + i] = (byte) (mask >>> (24 - 8 * i));
            }
            for (int i = 0; i < p.length; i++) {
                f[header + 4 + i] = (byte) (p[i] ^ f[header + (i & 3)]);
            }
            out.write(f);
        }

        /** Reads text frames until one contains {@code marker}; returns it. */
        String readUntil(String marker) throws IOException {
            while (true) {
                int b0 = in.read();
                int b1 = in.read();
                if (b0 < 0 || b1 < 0) {
                    throw new IOException("warm-up socket closed");
                }
                long len = b1 & 0x7F;
                if (len == 126) {
                    len = (in.read() << 8) | in.read();
                } else if (len == 127) {
                    len = 0;
                    for (int i = 0; i < 8; i++) {
                        len = (len << 8) | in.read();
                    }
                }
                String text = new String(in.readNBytes((int) len), StandardCharsets.UTF_8);
                if ((b0 & 0x0F) == 0x8) {
                    throw new IOException("warm-up socket closed by the server: " + text);
                }
                if (text.startsWith("{\"type\":\"error\"")) {
                    throw new IOException("warm-up got " + text);
                }
                if (text.contains(marker)) {
                    return text;
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
