package io.skyrtc.signaling.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.skyrtc.signaling.SkyrtcServer;
import io.skyrtc.signaling.auth.ApiKeys;
import io.skyrtc.signaling.testing.ServerFixture;
import io.skyrtc.signaling.testing.TestServers;
import io.skyrtc.signaling.testing.WsClient;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/** {@code skyrtc admin} against a real node: tables, --json, and each command doing what it says. */
class AdminCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ADMIN = "sk_admin_test_key_0123456789";
    static final String MINT = "sk_mint_only_key_0123456789";

    @RegisterExtension
    final ServerFixture fx = new ServerFixture();
    SkyrtcServer s;

    @BeforeEach
    void start() {
        s = fx.use(TestServers.dev(Map.of("auth.apiKeys",
                "[{\"name\":\"ops\",\"sha256\":\"" + ApiKeys.sha256Hex(ADMIN) + "\",\"scopes\":[\"admin\"]},"
                        + "{\"name\":\"mint\",\"sha256\":\"" + ApiKeys.sha256Hex(MINT) + "\",\"scopes\":[\"room\"]}]",
                "rooms.eventLogSize", "5")));
    }

    CliRun.Run admin(String... args) {
        String[] all = new String[args.length + 5];
        all[0] = "admin";
        all[1] = "--url";
        all[2] = s.baseUri().toString();
        all[3] = "--key";
        all[4] = ADMIN;
        System.arraycopy(args, 0, all, 5, args.length);
        return CliRun.run(all);
    }

    /** What the CLI printed on stderr (the in-process server logs there too). */
    static String cliErr(CliRun.Run r) {
        return r.err().lines().filter(l -> l.startsWith("admin: ")).map(l -> l + "\n").reduce("", String::concat);
    }

    @Test
    void statShowsProcessRoomsAndLinksAsATableAndAsJson() throws Exception {
        WsClient alice = fx.client(s), bob = fx.client(s);
        alice.join("arena", null);
        bob.join("arena", null);
        alice.expect("peer-joined");
        for (int i = 0; i < 10; i++) {
            alice.send(WsClient.msg("data", "payload", Map.of("i", i)));
            bob.expect("data");
        }
        fx.client(s).join("lobby", null);

        CliRun.Run table = admin("stat");
        assertThat(table.exit()).as(table.err()).isZero();
        assertThat(table.out()).containsPattern("process  uptime \\d+s  cpu \\d+ms  heap \\d+/\\d+ MiB  rss \\d+ MiB  threads \\d+"
                + "  fds \\d+/\\d+").contains("node     rooms 2  peers 3  connections 3")
                .containsPattern("ROOM\\s+PEERS\\s+ATTACHED\\s+HANDLED\\s+MAILBOX\\s+BUSY_MS")
                .containsPattern("arena\\s+2\\s+2\\s+\\d+\\s+\\d+\\s+\\d+").contains("no actor-core links configured");

        CliRun.Run json = admin("stat", "--json");
        assertThat(json.exit()).isZero();
        JsonNode stat = JSON.readTree(json.out());
        assertThat(stat.at("/process/threads").asInt()).isPositive();
        assertThat(stat.at("/process/heapUsedBytes").asLong()).isPositive();
        assertThat(stat.at("/process/openFds").asLong()).isPositive();
        JsonNode arena = null;
        for (JsonNode r : stat.get("rooms")) {
            if (r.get("room").asText().equals("arena")) {
                arena = r;
            }
        }
        assertThat(arena).isNotNull();
        // 2 joins + 10 data + the stat itself, at least
        assertThat(arena.get("handled").asLong()).isGreaterThanOrEqualTo(12);
        assertThat(arena.get("mailbox").asInt()).isZero();
        assertThat(arena.get("peers").asInt()).isEqualTo(2);
    }

    @Test
    void roomsRoomSendKickEventsAndClose() throws Exception {
        WsClient alice = fx.client(s), bob = fx.client(s);
        alice.join("arena", null);
        String b = bob.join("arena", null).get("peerId").asText();
        alice.expect("peer-joined");

        assertThat(admin("rooms").out()).isEqualTo("arena\n");
        CliRun.Run room = admin("room", "arena");
        assertThat(room.out()).contains("room arena (").contains(b).containsPattern("PEER\\s+NAME\\s+IDENTITY\\s+ATTACHED");

        assertThat(admin("send", "arena", b, "{\"hint\":1}").out()).isEqualTo("delivered to 1 peers\n");
        assertThat(bob.expect("data").at("/payload/hint").asInt()).isEqualTo(1);
        assertThat(admin("send", "arena", "{\"round\":2}").out()).isEqualTo("delivered to 2 peers\n");
        assertThat(alice.expect("data").at("/payload/round").asInt()).isEqualTo(2);
        assertThat(bob.expect("data").at("/payload/round").asInt()).isEqualTo(2);

        assertThat(admin("kick", "arena", b, "--reason", "cheating").out()).isEqualTo("kicked " + b + "\n");
        assertThat(bob.expectError("kicked").get("message").asText()).isEqualTo("cheating");

        CliRun.Run events = admin("events", "arena", "--json");
        JsonNode list = JSON.readTree(events.out()).get("events");
        // rooms.eventLogSize = 5: created, join, join, kick, leave, ... only the last 5 are kept
        assertThat(list).hasSize(5);
        assertThat(list.get(list.size() - 2).get("event").asText()).isEqualTo("kick");
        assertThat(list.get(list.size() - 2).get("detail").asText()).isEqualTo("cheating");
        assertThat(list.get(list.size() - 1).get("event").asText()).isEqualTo("leave");
        assertThat(list.get(list.size() - 1).get("peer").asText()).isEqualTo(b);
        assertThat(admin("events", "arena").out()).containsPattern("TIME\\s+EVENT\\s+PEER\\s+DETAIL")
                .containsPattern("kick\\s+" + b + "\\s+cheating");

        alice.expect("peer-left");
        assertThat(admin("close", "arena").out()).isEqualTo("closed arena, 1 peers removed\n");
        alice.expectError("kicked");
        CliRun.Run gone = admin("events", "arena");
        assertThat(gone.exit()).isEqualTo(1);
        assertThat(cliErr(gone)).isEqualTo("admin: HTTP 404 not-found: no room arena\n");
    }

    @Test
    void linksLoglevelAndDrain() throws Exception {
        assertThat(admin("links").out()).isEqualTo("no actor-core links configured\n");
        assertThat(JSON.readTree(admin("links", "--json").out()).get("links")).isEmpty();

        CliRun.Run level = admin("loglevel", "io.skyrtc.test.admin", "DEBUG");
        assertThat(level.out()).isEqualTo("io.skyrtc.test.admin: inherited -> DEBUG (effective DEBUG)\n");
        assertThat(LoggerFactory.getLogger("io.skyrtc.test.admin").isDebugEnabled()).isTrue();
        assertThat(admin("loglevel", "io.skyrtc.test.admin", "inherit").out())
                .isEqualTo("io.skyrtc.test.admin: DEBUG -> inherited (effective INFO)\n");
        assertThat(LoggerFactory.getLogger("io.skyrtc.test.admin").isDebugEnabled()).isFalse();
        CliRun.Run bad = admin("loglevel", "io.skyrtc", "LOUD");
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(cliErr(bad)).contains("HTTP 400 invalid-field").contains("TRACE, DEBUG");

        CliRun.Run drain = admin("drain");
        assertThat(drain.out()).matches("draining: 0 peers; shutdown in \\d+ s at the latest\n");
        s.stopped().get(30, TimeUnit.SECONDS);  // nobody there: the node stops at once
    }

    @Test
    void refusalsAreOneLineWithExitCode1() {
        CliRun.Run noKey = CliRun.run("admin", "--url", s.baseUri().toString(), "--key", MINT, "stat");
        assertThat(noKey.exit()).isEqualTo(1);
        assertThat(cliErr(noKey)).isEqualTo("admin: HTTP 403 forbidden: this API key may not use scope 'admin'\n");
        CliRun.Run wrong = CliRun.run("admin", "--url", s.baseUri().toString(), "--key", "sk_wrong", "rooms");
        assertThat(cliErr(wrong)).startsWith("admin: HTTP 401 ").contains("--key or SKYRTC_ADMIN_KEY");
        CliRun.Run down = CliRun.run("admin", "--url", "http://127.0.0.1:1", "--key", ADMIN, "rooms");
        assertThat(down.exit()).isEqualTo(1);
        assertThat(cliErr(down)).startsWith("admin: cannot connect to http://127.0.0.1:1/");
        assertThat(admin("send", "arena", "{not json").exit()).isEqualTo(2);
    }
}
