package io.skyrtc.signaling.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.skyrtc.signaling.SkyrtcServer;
import io.skyrtc.signaling.logs.EventLog;
import io.skyrtc.signaling.testing.RawWsClient;
import io.skyrtc.signaling.testing.ServerFixture;
import io.skyrtc.signaling.testing.TestServers;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Whom skyrtc takes a connection for when it comes through compose/nginx/skyrtc.conf in Debian's real
 * nginx. Clients reach nginx from loopback addresses of their own (all of 127.0.0.0/8 is this host), so
 * nginx's {@code $remote_addr}, which it appends to {@code X-Forwarded-For}, differs per client while
 * nginx itself always reaches skyrtc from 127.0.0.1. Seen where it shows: the per-address limit
 * ({@code limits.maxConnectionsPerIp} = 1, at its edge) and the {@code ip=} of the join lines.
 */
class NginxForwardedForTest {
    @RegisterExtension
    final ServerFixture fx = new ServerFixture();
    @TempDir
    Path dir;
    RealNginx nginx;
    SSLContext tls;
    int httpsPort;
    final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    final Logger events = (Logger) LoggerFactory.getLogger(EventLog.LOGGER);

    @BeforeEach
    void capture() {
        lines.start();
        events.addAppender(lines);
    }

    @AfterEach
    void stop() throws Exception {
        events.detachAppender(lines);
        if (nginx != null) {
            nginx.close();
        }
    }

    @Test
    void behindTrustedNginxEachClientIsCountedAndLoggedByItsOwnAddress() throws Exception {
        front(TestServers.dev(Map.of("limits.maxConnectionsPerIp", "1", "server.trustedProxies", "127.0.0.1")));
        try (RawWsClient a = connect("127.0.0.2"); RawWsClient b = connect("127.0.0.3")) {
            // one connection each is the limit, and two clients have one each
            assertThat(joinLine(a, "127.0.0.2")).isNotNull();
            assertThat(joinLine(b, "127.0.0.3")).isNotNull();
            assertThatThrownBy(() -> connect("127.0.0.2"))
                    .hasMessageContaining("429").hasMessageContaining("too many connections from 127.0.0.2");
            // what a client writes into X-Forwarded-For itself stands left of nginx's hop: it does not count
            assertThatThrownBy(() -> connect("127.0.0.3", "X-Forwarded-For: 198.51.100.9"))
                    .hasMessageContaining("429").hasMessageContaining("too many connections from 127.0.0.3");
        }
    }

    @Test
    void withoutTrustedProxiesTheForwardedAddressIsIgnoredAndAllShareNginxs() throws Exception {
        front(TestServers.dev(Map.of("limits.maxConnectionsPerIp", "1")));
        try (RawWsClient a = connect("127.0.0.2")) {
            assertThat(joinLine(a, "127.0.0.1")).isNotNull();
            // another client, with another address in nginx's X-Forwarded-For, is nginx's second connection
            assertThatThrownBy(() -> connect("127.0.0.3"))
                    .hasMessageContaining("429").hasMessageContaining("too many connections from 127.0.0.1");
        }
    }

    /** compose/nginx/skyrtc.conf in real nginx in front of {@code server}. */
    void front(SkyrtcServer server) throws Exception {
        fx.use(server);
        RealNginx.Pem pem = RealNginx.loopbackCertificate(dir);
        tls = NginxProxyTest.trusting(pem.cert());
        httpsPort = NginxProxyTest.freePort();
        String site = NginxProxyTest.rewrite(Files.readString(RepoFiles.path("compose/nginx/skyrtc.conf")),
                server.port(), httpsPort, NginxProxyTest.freePort(), pem.cert(), pem.key());
        nginx = RealNginx.start(dir, site, httpsPort);
    }

    /** wss://127.0.0.1:PORT/rtc/ws from local address {@code from}. */
    RawWsClient connect(String from, String... headers) throws Exception {
        var socket = tls.getSocketFactory().createSocket(InetAddress.getByName("127.0.0.1"), httpsPort,
                InetAddress.getByName(from), 0);
        return new RawWsClient(socket, "127.0.0.1:" + httpsPort, "/rtc/ws", headers);
    }

    /** Joins a room on {@code client} and returns skyrtc's join line for it, which must name {@code ip}. */
    String joinLine(RawWsClient client, String ip) throws Exception {
        client.write(RawWsClient.text("{\"type\":\"join\",\"room\":\"arena\"}"));
        JsonNode welcome = NginxProxyTest.JSON.readTree(client.read().text());
        assertThat(welcome.path("type").asText()).as(welcome.toString()).isEqualTo("welcome");
        String peer = welcome.get("peerId").asText();
        List<String> joins;
        synchronized (lines.list) {
            joins = lines.list.stream().map(ILoggingEvent::getFormattedMessage)
                    .filter(m -> m.startsWith("event=join ") && m.contains(" peer=" + peer + " ")).toList();
        }
        assertThat(joins).hasSize(1);
        assertThat(joins.get(0)).contains(" ip=" + ip + " ");
        return joins.get(0);
    }
}
