package io.skyrtc.signaling.ws;

import static io.skyrtc.signaling.testing.WsClient.msg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.skyrtc.signaling.SkyrtcServer;
import io.skyrtc.signaling.testing.RawWsClient;
import io.skyrtc.signaling.testing.ServerFixture;
import io.skyrtc.signaling.testing.TestServers;
import io.skyrtc.signaling.testing.WsClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * WebSocket control frames and fragments at the gate: PING is answered, every frame costs rate
 * budget, and a client sending frames as fast as it can does not stall other rooms on its selector.
 */
class FrameFloodTest {
    /**
     * A canary round trip slower than this while someone floods is a stall. Generous: the test box is
     * shared and loaded (a scheduling hiccup of a few hundred ms happens); a stalled selector held the
     * canary for the whole flood (2.7-10 s).
     */
    private static final long CANARY_BOUND_MS = 1500;

    @RegisterExtension
    final ServerFixture fx = new ServerFixture();
    private SkyrtcServer server;

    private SkyrtcServer dev(String... kv) {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            o.put(kv[i], kv[i + 1]);
        }
        server = fx.use(TestServers.dev(o));
        return server;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void pingIsAnsweredWithPongCarryingItsData() throws Exception {
        dev();
        try (RawWsClient raw = new RawWsClient(server.baseUri())) {
            raw.write(RawWsClient.frame(RawWsClient.PING, true, bytes("keep-alive 1")));
            RawWsClient.Frame pong = raw.read();
            assertThat(pong.opcode()).isEqualTo(RawWsClient.PONG);
            assertThat(pong.text()).isEqualTo("keep-alive 1");
            raw.write(RawWsClient.frame(RawWsClient.PING, true, new byte[0]));
            pong = raw.read();
            assertThat(pong.opcode()).isEqualTo(RawWsClient.PONG);
            assertThat(pong.payload()).isEmpty();
            // 125 bytes, the most a control frame may carry
            String max = "p".repeat(125);
            raw.write(RawWsClient.frame(RawWsClient.PING, true, bytes(max)));
            assertThat(raw.read().text()).isEqualTo(max);
        }
    }

    @Test
    void controlFramesCostRateBudget() throws Exception {
        dev("limits.ratePerSecond", "1", "limits.rateBurst", "20");
        try (RawWsClient raw = new RawWsClient(server.baseUri())) {
            for (int i = 0; i < 19; i++) {
                raw.write(RawWsClient.frame(RawWsClient.PING, true, bytes("n" + i)));
            }
            raw.write(RawWsClient.frame(RawWsClient.PONG, true, new byte[0]));  // unsolicited pongs count too
            for (int i = 0; i < 19; i++) {
                assertThat(raw.read().text()).isEqualTo("n" + i);
            }
            raw.write(RawWsClient.frame(RawWsClient.PING, true, bytes("one too many")));
            assertThat(raw.awaitClose()).isEqualTo(1008);
        }
        assertThat(server.metrics().rateLimitCloses.count()).isEqualTo(1);
    }

    /** Free continuations per message at the default limits.maxFrameBytes (64 KiB): 2 per KiB. */
    private static final int FREE = 128;

    @Test
    void aMessageCostsOneTokenUpToItsContinuationAllowance() throws Exception {
        dev("limits.ratePerSecond", "1", "limits.rateBurst", "2");
        try (RawWsClient raw = new RawWsClient(server.baseUri())) {
            // the opening frame and exactly FREE continuations (the last one final): one token
            List<byte[]> frames = new ArrayList<>();
            frames.add(RawWsClient.frame(RawWsClient.TEXT, false, bytes("{\"type\":\"ping\",")));
            for (int i = 0; i < FREE - 1; i++) {
                frames.add(RawWsClient.frame(RawWsClient.CONTINUATION, false, new byte[0]));
            }
            frames.add(RawWsClient.frame(RawWsClient.CONTINUATION, true, bytes("\"id\":\"frag\"}")));
            raw.write(frames.toArray(byte[][]::new));
            assertThat(raw.read().text()).contains("\"pong\"").contains("frag");
            // another message costs the second token and its FREE continuations nothing; the continuation
            // after those finds the bucket empty (the second extra one, should a token refill meanwhile)
            frames.set(frames.size() - 1, RawWsClient.frame(RawWsClient.CONTINUATION, false, new byte[0]));
            raw.write(frames.toArray(byte[][]::new));
            raw.write(RawWsClient.frame(RawWsClient.CONTINUATION, false, new byte[0]),
                    RawWsClient.frame(RawWsClient.CONTINUATION, false, new byte[0]));
            assertThat(raw.awaitClose()).isEqualTo(1008);
        }
    }

    @Test
    void largeFragmentedMessagesCostOneTokenEach() throws Exception {
        dev("limits.ratePerSecond", "1", "limits.rateBurst", "3");
        try (RawWsClient raw = new RawWsClient(server.baseUri())) {
            // a 60 KiB message in 60 fragments of 1 KiB, three times: 3 tokens (Jetty's own cuts at read
            // boundaries add a few continuations, well within the allowance)
            byte[] message = bytes("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(60 * 1024 - 64) + "\",\"id\":\"big\"}");
            for (int round = 0; round < 3; round++) {
                for (int off = 0; off < message.length; off += 1024) {
                    int n = Math.min(1024, message.length - off);
                    byte[] part = java.util.Arrays.copyOfRange(message, off, off + n);
                    boolean fin = off + n == message.length;
                    raw.write(RawWsClient.frame(off == 0 ? RawWsClient.TEXT : RawWsClient.CONTINUATION, fin, part));
                }
                assertThat(raw.read().text()).contains("\"pong\"").contains("big");
            }
        }
    }

    @Test
    void pingFloodIsClosedAndOtherRoomsKeepAnswering() throws Exception {
        dev("server.selectors", "1");
        assertCanaryUnaffectedBy(RawWsClient.frame(RawWsClient.PING, true, new byte[0]), true);
    }

    @Test
    void continuationFloodIsClosedAndOtherRoomsKeepAnswering() throws Exception {
        dev("server.selectors", "1");
        assertCanaryUnaffectedBy(RawWsClient.frame(RawWsClient.CONTINUATION, false, new byte[0]), true);
    }

    @Test
    void aFloodWithinTheRateLimitStillSharesItsSelector() throws Exception {
        // no rate limit to speak of: only handing the thread back keeps the canary answered
        dev("server.selectors", "1", "limits.ratePerSecond", "1000000000", "limits.rateBurst", "1000000000");
        assertCanaryUnaffectedBy(RawWsClient.frame(RawWsClient.PING, true, new byte[0]), false);
        assertCanaryUnaffectedBy(RawWsClient.frame(RawWsClient.CONTINUATION, false, new byte[0]), false);
    }

    /**
     * A canary in its own room pings while a raw socket writes {@code frame} (an empty control frame or
     * continuation) without pause for three seconds; every canary round trip stays under the bound.
     */
    private void assertCanaryUnaffectedBy(byte[] frame, boolean expectRateLimitClose) throws Exception {
        WsClient canary = fx.client(server);
        canary.join("canary", null);
        byte[] block = new byte[frame.length * 4096];
        for (int i = 0; i < 4096; i++) {
            System.arraycopy(frame, 0, block, i * frame.length, frame.length);
        }
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong written = new AtomicLong();
        try (RawWsClient flooder = new RawWsClient(server.baseUri()).drainInBackground()) {
            flooder.write(RawWsClient.text("{\"type\":\"join\",\"room\":\"flood\"}"));
            // continuations need a message to continue
            flooder.write(RawWsClient.frame(RawWsClient.TEXT, false, bytes("{")));
            Thread writer = new Thread(() -> {
                try {
                    while (!stop.get()) {
                        flooder.write(block);
                        written.addAndGet(4096);
                    }
                } catch (IOException dropped) {
                    // the server dropped the flooder
                }
            }, "flooder");
            writer.setDaemon(true);
            writer.start();
            long worstMs = 0;
            long end = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            int i = 0;
            while (System.nanoTime() < end) {
                long t0 = System.nanoTime();
                canary.send(msg("ping", "id", "c" + i));
                assertThat(canary.expect("pong").get("ref").asText()).isEqualTo("c" + i);
                worstMs = Math.max(worstMs, (System.nanoTime() - t0) / 1_000_000);
                i++;
                Thread.sleep(10);
            }
            stop.set(true);
            writer.join(10_000);
            assertThat(worstMs).as("slowest canary round trip (ms) while %d frames were written", written.get())
                    .isLessThan(CANARY_BOUND_MS);
            if (expectRateLimitClose) {
                // the server closed the flooder for its rate (counted once); the client sees 1008 unless the
                // kernel resets the connection first (the server stops reading, so unread flood bytes turn
                // its close into a RST that can discard the close frame in flight)
                await().atMost(Duration.ofSeconds(5)).until(() -> server.metrics().rateLimitCloses.count() == 1.0);
                await().atMost(Duration.ofSeconds(5)).until(() -> flooder.closeCodeSeen() == 1008 || flooder.ended());
                assertThat(flooder.closeCodeSeen()).isIn(0, 1008);
                // the flooder is no longer read, and dropped after the close linger
                await().atMost(Duration.ofMillis(SignalingSocket.CLOSE_LINGER_MS + 5_000))
                        .until(() -> server.metrics().connections.get() == 1);
            }
        }
    }
}
