package io.skyrtc.signaling.ws;

import static io.skyrtc.signaling.testing.WsClient.msg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Connections nobody uses cannot be held: a join deadline, an idle timeout that only protocol
 * messages reset, and a bound on connections per client address.
 */
class HeldConnectionsTest {
    @RegisterExtension
    final ServerFixture fx = new ServerFixture();
    private SkyrtcServer server;
    private final List<RawWsClient> raws = new ArrayList<>();

    private SkyrtcServer dev(String... kv) {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            o.put(kv[i], kv[i + 1]);
        }
        server = fx.use(TestServers.dev(o));
        return server;
    }

    private RawWsClient raw(String... headers) throws IOException {
        RawWsClient c = new RawWsClient(server.baseUri(), headers);
        raws.add(c);
        return c;
    }

    @AfterEach
    void closeRaw() throws IOException {
        for (RawWsClient c : raws) {
            c.close();
        }
    }

    /** WebSocket PINGs every 200 ms, and a fragment that is never finished: activity, but no message. */
    private static Thread keepBusyWithoutMessages(RawWsClient c) throws IOException {
        c.write(RawWsClient.frame(RawWsClient.TEXT, false, "{\"type\":".getBytes(StandardCharsets.UTF_8)));
        Thread t = new Thread(() -> {
            try {
                while (true) {
                    c.write(RawWsClient.frame(RawWsClient.PING, true, new byte[0]));
                    Thread.sleep(200);
                }
            } catch (IOException | InterruptedException closed) {
                // done
            }
        }, "pinger");
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Test
    void aSocketWithoutWelcomeIsClosedAtTheJoinTimeoutWhateverItSends() throws Exception {
        dev("limits.joinTimeoutMs", "1500");
        WsClient joined = fx.client(server);
        joined.join("stays", null);
        RawWsClient lurker = raw();
        long t0 = System.nanoTime();
        Thread pinger = keepBusyWithoutMessages(lurker);
        RawWsClient.Frame close = lurker.awaitCloseFrame();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        pinger.interrupt();
        assertThat(close.closeCode()).isEqualTo(1008);
        assertThat(close.closeReason()).isEqualTo("join-timeout");
        assertThat(ms).isBetween(1_000L, 6_000L);
        assertThat(server.metrics().joinTimeoutCloses.count()).isEqualTo(1);
        // the socket that joined in time is not touched
        joined.send(msg("ping", "id", "still"));
        assertThat(joined.expect("pong").get("ref").asText()).isEqualTo("still");
        await().atMost(Duration.ofSeconds(10)).until(() -> server.metrics().connections.get() == 1);
    }

    @Test
    void onlyProtocolMessagesKeepAJoinedSocketFromIdling() throws Exception {
        dev("limits.idleTimeoutMs", "1000", "limits.pingIntervalMs", "300", "limits.joinTimeoutMs", "60000");
        RawWsClient busy = raw();
        busy.write(RawWsClient.text("{\"type\":\"join\",\"room\":\"idle\"}"));
        assertThat(busy.read().text()).contains("\"welcome\"");
        long t0 = System.nanoTime();
        Thread pinger = keepBusyWithoutMessages(busy);
        RawWsClient.Frame close = busy.awaitCloseFrame();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        pinger.interrupt();
        assertThat(close.closeCode()).isEqualTo(1001);
        assertThat(close.closeReason()).isEqualTo("idle-timeout");
        assertThat(ms).isBetween(700L, 6_000L);
        assertThat(server.metrics().idleCloses.count()).isEqualTo(1);
    }

    @Test
    void sixtyFourConnectionsPerAddressAndTheNextIsRefused() throws Exception {
        dev();  // limits.maxConnectionsPerIp defaults to 64
        for (int i = 0; i < 64; i++) {
            raw();
        }
        assertThatThrownBy(this::raw).hasMessageContaining("429");
        raws.get(0).close();
        await().atMost(Duration.ofSeconds(10)).until(() -> server.metrics().connections.get() == 63);
        RawWsClient again = raw();
        again.write(RawWsClient.text("{\"type\":\"ping\",\"id\":\"in\"}"));
        assertThat(again.read().text()).contains("\"pong\"");
        assertThatThrownBy(this::raw).hasMessageContaining("429");
    }

    @Test
    void forwardedForIsIgnoredFromUntrustedPeers() throws Exception {
        dev("limits.maxConnectionsPerIp", "2");
        raw("X-Forwarded-For: 203.0.113.1");
        raw("X-Forwarded-For: 203.0.113.2");
        // all three come from 127.0.0.1, which is no trusted proxy: the header changes nothing
        assertThatThrownBy(() -> raw("X-Forwarded-For: 203.0.113.3")).hasMessageContaining("429");
    }

    @Test
    void forwardedForNamesTheClientBehindATrustedProxy() throws Exception {
        dev("limits.maxConnectionsPerIp", "2", "server.trustedProxies", "10.9.0.0/16,127.0.0.1");
        raw("X-Forwarded-For: 203.0.113.7");
        raw("X-Forwarded-For: 203.0.113.7");
        assertThatThrownBy(() -> raw("X-Forwarded-For: 203.0.113.7")).hasMessageContaining("429");
        // read from the right: what the client wrote itself (left of the untrusted hop) does not count
        raw("X-Forwarded-For: 203.0.113.7, 203.0.113.8");
        // a chain of trusted proxies is walked through to the client
        assertThatThrownBy(() -> raw("X-Forwarded-For: 203.0.113.7, 10.9.1.1")).hasMessageContaining("429");
        raw("X-Forwarded-For: 198.51.100.1", "X-Forwarded-For: 203.0.113.9, 10.9.1.1");
        // the proxy's own connections (no header) have their own count
        raw();
        raw();
        assertThatThrownBy(this::raw).hasMessageContaining("429");
    }
}
