package io.skyrtc.signaling.reload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.skyrtc.signaling.SkyrtcServer;
import io.skyrtc.signaling.testing.Api;
import io.skyrtc.signaling.testing.ServerFixture;
import io.skyrtc.signaling.testing.WsClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "rotate an API key and a TURN secret under load with no dropped connection": pairs of peers
 * relay data without pause while the key and the TURN secret are rotated several times; no socket closes,
 * no relayed message is lost, and each rotation takes effect for the API at once.
 */
class ReloadUnderLoadTest {
    static final int PAIRS = 4;
    static final int ROTATIONS = 5;

    @RegisterExtension
    final ServerFixture fx = new ServerFixture();

    @TempDir
    Path dir;

    @Test
    void rotatingTheKeyAndTheTurnSecretDropsNoConnection() throws Exception {
        ReloadConfigFile cfg = new ReloadConfigFile(dir).write("key-0", "turn-0", "https://a.example", "");
        SkyrtcServer s = fx.use(cfg.start());
        List<WsClient> peers = new ArrayList<>();
        for (int p = 0; p < PAIRS; p++) {
            for (int side = 0; side < 2; side++) {
                WsClient c = fx.track(WsClient.connect(s.baseUri()));
                c.join("room-" + p, token(s, "key-0", "room-" + p, "peer-" + p + "-" + side));
                peers.add(c);
            }
            peers.get(2 * p).expect("peer-joined");
        }
        Map<WsClient, AtomicLong> sent = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> senders = new ArrayList<>();
        for (WsClient c : peers) {
            AtomicLong n = new AtomicLong();
            sent.put(c, n);
            Thread t = new Thread(() -> {
                while (!stop.get()) {
                    c.send(WsClient.msg("data", "payload", Map.of("n", n.incrementAndGet())));
                    sleep(5);
                }
            }, "load-sender");
            t.setDaemon(true);
            senders.add(t);
            t.start();
        }
        Map<WsClient, Long> received = new ConcurrentHashMap<>();
        String key = "key-0";
        for (int i = 1; i <= ROTATIONS; i++) {
            sleep(300);
            String next = "key-" + i;
            cfg.write(next, "turn-" + i, "https://a.example", "");
            HttpResponse<String> r = Api.post(s.baseUri(), "/v1/admin/reload", key, "");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(r.body()).contains("auth.apiKeys").contains("turn.secrets");
            assertThat(Api.post(s.baseUri(), "/v1/tokens/room", key, ReloadTest.TOKEN_BODY).statusCode())
                    .as("rotation %d: the old key is refused", i).isEqualTo(401);
            key = next;
            assertThat(ReloadTest.verifies("turn-" + i, credentials(s, key))).as("rotation %d: new TURN secret", i)
                    .isTrue();
            // a newcomer joins with a token minted by the new key while the others keep relaying
            WsClient late = fx.track(WsClient.connect(s.baseUri()));
            late.join("late-" + i, token(s, key, "late-" + i, "late"));
            collect(peers, received);
        }
        stop.set(true);
        for (Thread t : senders) {
            t.join(10_000);
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            collect(peers, received);
            for (int p = 0; p < PAIRS; p++) {
                WsClient a = peers.get(2 * p), b = peers.get(2 * p + 1);
                if (received.getOrDefault(a, 0L) != sent.get(b).get() || received.getOrDefault(b, 0L) != sent.get(a).get()) {
                    return false;
                }
            }
            return true;
        });
        long total = sent.values().stream().mapToLong(AtomicLong::get).sum();
        assertThat(total).as("the load ran").isGreaterThan(PAIRS * 2L * 50);
        for (WsClient c : peers) {
            assertThat(c.isClosed()).as("no peer was closed").isFalse();
        }
        assertThat(s.metrics().connections.get()).isEqualTo(PAIRS * 2 + ROTATIONS);
    }

    static String token(SkyrtcServer s, String key, String room, String identity) throws Exception {
        HttpResponse<String> r = Api.post(s.baseUri(), "/v1/tokens/room", key,
                "{\"room\":\"" + room + "\",\"identity\":\"" + identity + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return WsClient.JSON.readTree(r.body()).get("token").asText();
    }

    static JsonNode credentials(SkyrtcServer s, String key) throws Exception {
        HttpResponse<String> r = Api.get(s.baseUri(), "/v1/turn/credentials", key);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return WsClient.JSON.readTree(r.body());
    }

    /** Counts the data frames each peer has received so far; anything else a peer gets must be benign. */
    static void collect(List<WsClient> peers, Map<WsClient, Long> received) {
        for (WsClient c : peers) {
            for (JsonNode m : c.drain()) {
                String type = m.path("type").asText();
                if (type.equals("data")) {
                    received.merge(c, 1L, Long::sum);
                } else {
                    assertThat(type).as("unexpected %s", m).isIn("ice-servers", "ping", "peer-updated");
                }
            }
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
