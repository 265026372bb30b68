package io.skyrtc.signaling.ws;

import static io.skyrtc.signaling.testing.WsClient.msg;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.skyrtc.signaling.SkyrtcServer;
import io.skyrtc.signaling.testing.ServerFixture;
import io.skyrtc.signaling.testing.TestServers;
import io.skyrtc.signaling.testing.WsClient;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Peers joining while the server shuts down: each is refused (at connect, or its join answered with
 * {@code server-shutdown}) or, if it was welcomed, told {@code server-shutdown} before its socket closes.
 */
class ShutdownRaceTest {
    private static final String VIOLATION = "welcomed, never told";

    @RegisterExtension
    final ServerFixture fx = new ServerFixture();

    @Test
    void everyPeerWelcomedDuringShutdownIsToldAndLaterJoinsAreRefused() throws Exception {
        SkyrtcServer server = TestServers.dev(Map.of());  // closed by the test itself
        URI base = server.baseUri();
        WsClient settled = fx.track(WsClient.connect(base));
        settled.join("settled", null);
        List<WsClient> open = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            open.add(fx.track(WsClient.connect(base)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(24);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> outcomes = new ArrayList<>();
        try {
            // joins on connections opened before, and brand-new connections, spread over the shutdown
            for (int i = 0; i < open.size(); i++) {
                WsClient c = open.get(i);
                String room = "late-" + i;
                long delay = i * 15L;
                outcomes.add(pool.submit(() -> {
                    go.await();
                    Thread.sleep(delay);
                    return joinAndJudge(c, room);
                }));
            }
            for (int i = 0; i < 20; i++) {
                String room = "new-" + i;
                long delay = i * 30L;
                outcomes.add(pool.submit(() -> {
                    go.await();
                    Thread.sleep(delay);
                    WsClient c;
                    try {
                        c = fx.track(WsClient.connect(base));
                    } catch (RuntimeException refused) {
                        return "refused at connect";
                    }
                    return joinAndJudge(c, room);
                }));
            }
            go.countDown();
            server.close();
            List<String> results = new ArrayList<>();
            for (Future<String> f : outcomes) {
                results.add(f.get(30, TimeUnit.SECONDS));
            }
            assertThat(results).noneMatch(r -> r.startsWith(VIOLATION));
            // the race was run: joins did arrive while the server was stopping
            assertThat(results).contains("refused with server-shutdown");
        } finally {
            pool.shutdownNow();
        }
        settled.expectError("server-shutdown");
        assertThat(settled.awaitClose()).isEqualTo(1001);
    }

    private static String joinAndJudge(WsClient c, String room) {
        try {
            c.send(msg("join", "room", room, "id", "j"));
        } catch (RuntimeException closedAlready) {
            // the server closed this socket before the join went out
        }
        return verdict(c);
    }

    /** Waits for the socket to close, then reads what it got. */
    private static String verdict(WsClient c) {
        c.awaitClose();
        List<JsonNode> got = c.drain();
        boolean welcomed = false;
        boolean told = false;
        for (JsonNode m : got) {
            if (m.path("type").asText().equals("welcome")) {
                welcomed = true;
            } else if (m.path("type").asText().equals("error") && m.path("code").asText().equals("server-shutdown")) {
                told = true;
            }
        }
        if (welcomed) {
            return told ? "welcomed and told" : VIOLATION + ": " + got;
        }
        return told ? "refused with server-shutdown" : "closed before joining";
    }
}
