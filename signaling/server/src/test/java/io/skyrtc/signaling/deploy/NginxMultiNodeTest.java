package io.skyrtc.signaling.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.skyrtc.signaling.SkyrtcServer;
import io.skyrtc.signaling.routing.RedisProcess;
import io.skyrtc.signaling.testing.Api;
import io.skyrtc.signaling.testing.RawWsClient;
import io.skyrtc.signaling.testing.ServerFixture;
import io.skyrtc.signaling.testing.TestServers;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * compose/nginx/skyrtc-multinode.conf in Debian's real nginx in front of two skyrtc nodes on one real
 * redis-server: wss:// joins through it are balanced over both nodes (which share the room through Redis),
 * and with one node stopped nginx passes the next joins to the other (its default
 * {@code proxy_next_upstream error timeout}: the config lists both servers and no backup).
 */
class NginxMultiNodeTest {
    @RegisterExtension
    final ServerFixture fx = new ServerFixture();
    @TempDir
    Path dir;
    RedisProcess redis;
    RealNginx nginx;
    SSLContext tls;
    int httpsPort;
    final List<RawWsClient> clients = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (RawWsClient c : clients) {
            c.close();
        }
        if (nginx != null) {
            nginx.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    private SkyrtcServer node(String id) {
        return fx.use(TestServers.dev(Map.of("redis.url", redis.url(), "server.nodeId", id,
                "redis.keyPrefix", "nginx-mn", "redis.leaseMs", "6000", "redis.timeoutMs", "2000")));
    }

    @Test
    void joinsThroughNginxReachBothNodesAndFailOverWhenOneStops() throws Exception {
        redis = new RedisProcess();
        SkyrtcServer a = node("a");
        SkyrtcServer b = node("b");
        await().atMost(Duration.ofSeconds(30)).until(() -> a.routing().redisUp() && b.routing().redisUp());
        RealNginx.Pem pem = RealNginx.loopbackCertificate(dir);
        tls = NginxProxyTest.trusting(pem.cert());
        httpsPort = NginxProxyTest.freePort();
        String conf = Files.readString(RepoFiles.path("compose/nginx/skyrtc-multinode.conf"));
        assertThat(conf).contains("server skyrtc-2:8080;");
        String site = NginxProxyTest.rewrite(conf.replace("server skyrtc-2:8080;", "server 127.0.0.1:" + b.port() + ";"),
                a.port(), httpsPort, NginxProxyTest.freePort(), pem.cert(), pem.key());
        nginx = RealNginx.start(dir, site, httpsPort);

        // four joins to one room through nginx: round robin puts two on each node; all see each other
        int n = 4;
        for (int i = 0; i < n; i++) {
            JsonNode welcome = join("arena");
            assertThat(welcome.path("peers").size()).as("peers seen by joiner %d", i).isEqualTo(i);
        }
        assertThat(connections(a)).as("sockets nginx opened to node a").isPositive();
        assertThat(connections(b)).as("sockets nginx opened to node b").isPositive();
        assertThat(connections(a) + connections(b)).isEqualTo(n);

        for (RawWsClient c : clients) {
            c.close();
        }
        clients.clear();
        await().atMost(Duration.ofSeconds(30)).until(() -> connections(a) + connections(b) == 0);

        // node a stops: every further join through nginx is welcomed, by node b
        a.close();
        for (int i = 0; i < n; i++) {
            assertThat(join("after-" + i).path("type").asText()).isEqualTo("welcome");
        }
        assertThat(connections(b)).as("joins node b took after a stopped").isEqualTo(n);
    }

    /** A wss://127.0.0.1:PORT/rtc/ws connection through nginx that joins {@code room}; its welcome. */
    private JsonNode join(String room) throws Exception {
        var socket = tls.getSocketFactory().createSocket(InetAddress.getByName("127.0.0.1"), httpsPort);
        RawWsClient c = new RawWsClient(socket, "127.0.0.1:" + httpsPort, "/rtc/ws");
        clients.add(c);
        c.write(RawWsClient.text("{\"type\":\"join\",\"room\":\"" + room + "\"}"));
        while (true) {
            JsonNode m = NginxProxyTest.JSON.readTree(c.read().text());
            if (!m.path("type").asText().equals("ping")) {
                assertThat(m.path("type").asText()).as(m.toString()).isEqualTo("welcome");
                return m;
            }
        }
    }

    /** The WebSocket connections open on node {@code s} (its /healthz). */
    private static long connections(SkyrtcServer s) throws Exception {
        return NginxProxyTest.JSON.readTree(Api.get(s.baseUri(), "/healthz", null).body()).path("connections").asLong();
    }
}
