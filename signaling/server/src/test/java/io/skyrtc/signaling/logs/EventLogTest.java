package io.skyrtc.signaling.logs;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.skyrtc.signaling.SkyrtcServer;
import io.skyrtc.signaling.auth.ApiKeys;
import io.skyrtc.signaling.testing.Api;
import io.skyrtc.signaling.testing.ServerFixture;
import io.skyrtc.signaling.testing.TestServers;
import io.skyrtc.signaling.testing.WsClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/** One logfmt INFO line per join, refusal (with code), kick, leave and admin call; no token, no payload. */
class EventLogTest {
    static final String ADMIN = "sk_event_log_admin_0123456789";

    @RegisterExtension
    final ServerFixture fx = new ServerFixture();
    final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    final Logger logger = (Logger) LoggerFactory.getLogger(EventLog.LOGGER);

    @BeforeEach
    void capture() {
        lines.start();
        logger.addAppender(lines);
    }

    @AfterEach
    void release() {
        logger.detachAppender(lines);
    }

    List<String> messages() {
        synchronized (lines.list) {
            return lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    @Test
    void joinsRefusalsKicksLeavesAndAdminCallsAreOneLineEach() throws Exception {
        SkyrtcServer s = fx.use(TestServers.start(Map.of("auth.apiKeys",
                "[{\"name\":\"ops\",\"sha256\":\"" + ApiKeys.sha256Hex(ADMIN) + "\",\"scopes\":[\"admin\",\"room\"]}]",
                "rooms.maxPeersPerRoom", "2")));
        String token = s.roomTokens().issue("match-1", "alice", null, 600, io.skyrtc.signaling.protocol.ServerMessage.Grants.ALL).token();
        WsClient a = fx.client(s), b = fx.client(s), c = fx.client(s), anon = fx.client(s);
        String pa = a.join("match-1", token).get("peerId").asText();
        String pb = b.join("match-1", s.roomTokens().issue("match-1", "bob", null, 600, io.skyrtc.signaling.protocol.ServerMessage.Grants.ALL).token()).get("peerId").asText();
        c.send(WsClient.msg("join", "room", "match-1", "token", s.roomTokens().issue("match-1", "carol", null, 600, io.skyrtc.signaling.protocol.ServerMessage.Grants.ALL).token()));
        c.expectError("room-full");
        anon.send(WsClient.msg("join", "room", "match-1"));
        anon.expectError("token-required");
        a.expect("peer-joined");
        a.send(WsClient.msg("data", "payload", Map.of("x", "secret-payload-text")));
        b.expect("data");
        Api.post(s.baseUri(), "/v1/admin/kick", ADMIN, "{\"room\":\"match-1\",\"peer\":\"" + pb + "\",\"reason\":\"afk\"}");
        a.send(WsClient.msg("leave"));

        Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> messages().stream().anyMatch(m -> m.startsWith("event=leave") && m.contains(pa)));
        List<String> m = messages();
        assertThat(m).contains("event=join room=match-1 peer=" + pa + " ip=127.0.0.1 peers=1",
                "event=join room=match-1 peer=" + pb + " ip=127.0.0.1 peers=2",
                "event=refused room=match-1 ip=127.0.0.1 code=room-full",
                "event=refused room=match-1 ip=127.0.0.1 code=token-required",
                "event=admin key=ops command=kick room=match-1 peer=" + pb,
                "event=kick room=match-1 peer=" + pb + " reason=afk",
                "event=leave room=match-1 peer=" + pb + " reason=kicked",
                "event=leave room=match-1 peer=" + pa + " reason=leave");
        String all = String.join("\n", m);
        assertThat(all).doesNotContain(token).doesNotContain("secret-payload-text").doesNotContain(ADMIN);
        assertThat(lines.list).allMatch(e -> e.getLevel() == ch.qos.logback.classic.Level.INFO);
    }

    @Test
    void valuesThatCouldForgeAFieldOrALineAreQuoted() {
        assertThat(Logfmt.of("event", "join", "room", "a b", "peer", "x\" code=ok", "ip", null, "n", "l1\nl2"))
                .isEqualTo("event=join room=\"a b\" peer=\"x\\\" code=ok\" n=\"l1\\nl2\"");
        assertThat(Logfmt.of("room", "", "k", "=")).isEqualTo("room=\"\" k=\"=\"");
    }
}
