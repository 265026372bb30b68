package io.skyrtc.turn.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.skyrtc.turn.testing.CoturnServer;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.ice4j.attribute.Attribute;
import org.ice4j.message.MessageFactory;
import org.ice4j.message.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rendered production profile on a real Debian coturn with an IPv4 and an IPv6 relay: coturn takes
 * every line of the file, refuses the 6to4 / Teredo / discard / unspecified peers (403), still relays to
 * public peers of both families, and its STUN answers carry no version and no legacy attributes.
 */
class HardenedProdCoturnTest {
    /** RFC 5780 attributes ice4j has no constant for. */
    static final char RESPONSE_ORIGIN = 0x802b, OTHER_ADDRESS = 0x802c;
    /** One TURN user per probe: coturn frees released allocations ~1 s late, and user-quota is 12. */
    static final AtomicInteger USERS = new AtomicInteger();

    @TempDir
    static Path dir;
    static CoturnServer coturn;
    final IceChecker checker = new IceChecker(Clock.systemUTC());

    @BeforeAll
    static void startCoturn() throws Exception {
        coturn = CoturnServer.start(dir, "prod", "listeningIps: [127.0.0.1, '::1']", List.of(CoturnServer.SECRET));
    }

    @AfterAll
    static void stopCoturn() {
        coturn.close();
    }

    private ServerCheck.PermissionProbe probe(String peer) {
        ServerCheck r = checker.checkOne(coturn.turnUrl(), new IceChecker.Options(Duration.ofSeconds(3),
                new IceCredentials.RestSecret(CoturnServer.SECRET, "mallory" + USERS.incrementAndGet(), null), peer));
        assertThat(r.status()).as(r.toString()).isEqualTo(ServerCheck.Status.PASSED);
        return r.permission();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"192.88.99.1", "192.88.99.255", "::", "2002:c058:6301::1", "2002::",
            "2001::1", "2001:1ff:ffff:ffff:ffff:ffff:ffff:ffff", "100::1", "100::ffff:ffff:ffff:ffff"})
    void createPermissionToTunnelAndUnspecifiedPeersIsForbidden(String peer) {
        ServerCheck.PermissionProbe p = probe(peer);
        assertThat(p.allowed()).as(p.toString()).isFalse();
        assertThat(p.errorCode()).as(p.toString()).isEqualTo(403);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"192.88.100.1", "2001:200::1", "2606:4700::1111", "100:0:0:1::1"})
    void publicPeersJustOutsideThoseRangesAreAllowed(String peer) {
        ServerCheck.PermissionProbe p = probe(peer);
        assertThat(p.allowed()).as(p.toString()).isTrue();
    }

    @Test
    void coturnTakesEveryLineOfTheRenderedFile() {
        String log = coturn.log();
        assertThat(log).doesNotContain("Bad configuration format", "Wrong address format", "CONFIG ERROR")
                .contains("TCP relay endpoints are not allowed", "RFC5780 disabled",
                        "500000 bytes per second allowed per session",
                        "125000000 bytes per second allowed, combined server capacity");
    }

    @Test
    void stunAnswersCarryNoSoftwareNoMappedAddressNoRfc5780Attributes() throws Exception {
        try (StunSession s = new StunSession(new InetSocketAddress("127.0.0.1", coturn.config().listeningPort()))) {
            Response r = s.send(MessageFactory.createBindingRequest(), 3000);
            assertThat(r.isSuccessResponse()).isTrue();
            assertThat(r.getAttribute(Attribute.XOR_MAPPED_ADDRESS)).isNotNull();
            assertThat(r.getAttribute(Attribute.SOFTWARE)).as("SOFTWARE").isNull();
            assertThat(r.getAttribute(Attribute.MAPPED_ADDRESS)).as("MAPPED-ADDRESS").isNull();
            assertThat(r.getAttribute(RESPONSE_ORIGIN)).as("RESPONSE-ORIGIN").isNull();
            assertThat(r.getAttribute(OTHER_ADDRESS)).as("OTHER-ADDRESS").isNull();
        }
    }
}
