package io.skyrtc.turn.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.skyrtc.turn.TurnRestCredentials;
import io.skyrtc.turn.check.ServerCheck.Status;
import io.skyrtc.turn.testing.CoturnServer;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ice4j checker against a real coturn rendered from a dev overlay (loopback peers allowed). */
class RealCoturnTest {
    @TempDir
    static Path dir;
    static CoturnServer coturn;
    final IceChecker checker = new IceChecker(Clock.systemUTC());

    @BeforeAll
    static void startCoturn() throws Exception {
        coturn = CoturnServer.start(dir, "dev1", "dev: true\nallowLoopbackPeers: true",
                List.of(CoturnServer.SECRET, "second-secret-for-rotation-42"));
    }

    @AfterAll
    static void stopCoturn() {
        coturn.close();
    }

    private IceChecker.Options rest(String secret) {
        return new IceChecker.Options(Duration.ofSeconds(3), new IceCredentials.RestSecret(secret, "alice", null),
                null);
    }

    @Test
    void stunBindingReportsTheMappedAddress() {
        ServerCheck r = checker.checkOne(coturn.stunUrl(), new IceChecker.Options(null, null, null));
        assertThat(r.status()).isEqualTo(Status.PASSED);
        assertThat(r.kind()).isEqualTo("stun");
        assertThat(r.mappedAddress()).startsWith("127.0.0.1:");
        assertThat(r.rttMs()).isPositive();
    }

    @Test
    void allocateSucceedsWithOurRestCredentialsAndIsReleased() {
        ServerCheck r = checker.checkOne(coturn.turnUrl(), rest(CoturnServer.SECRET));
        assertThat(r.status()).as(r.toString()).isEqualTo(Status.PASSED);
        assertThat(r.relayedAddress()).startsWith("127.0.0.1:");
        int relayPort = Integer.parseInt(r.relayedAddress().substring(r.relayedAddress().indexOf(':') + 1));
        assertThat(relayPort).isBetween(coturn.config().minPort(), coturn.config().maxPort());
        assertThat(r.mappedAddress()).startsWith("127.0.0.1:");
        assertThat(r.released()).isTrue();
        assertThat(r.errorCode()).isNull();
    }

    @Test
    void everySecretOfARotationIsAccepted() {
        assertThat(checker.checkOne(coturn.turnUrl(), rest("second-secret-for-rotation-42")).status())
                .isEqualTo(Status.PASSED);
    }

    @Test
    void wrongSecretGives401() {
        ServerCheck r = checker.checkOne(coturn.turnUrl(), rest("not-the-secret-at-all-000"));
        assertThat(r.status()).isEqualTo(Status.FAILED);
        assertThat(r.errorCode()).isEqualTo(401);
        assertThat(r.detail()).contains("credentials refused");
        assertThat(r.relayedAddress()).isNull();
    }

    @Test
    void expiredUsernameGives401() {
        Clock yesterday = Clock.fixed(Instant.now().minus(Duration.ofDays(1)), ZoneOffset.UTC);
        TurnRestCredentials.Credential old = new TurnRestCredentials(List.of(CoturnServer.SECRET), yesterday)
                .issue("alice", Duration.ofHours(1));
        ServerCheck r = checker.checkOne(coturn.turnUrl(), new IceChecker.Options(Duration.ofSeconds(3),
                new IceCredentials.Fixed(old.username(), old.password()), null));
        assertThat(r.status()).isEqualTo(Status.FAILED);
        assertThat(r.errorCode()).isEqualTo(401);
    }

    @Test
    void withoutCredentialsTheChallengeIsSeenButNothingPasses() {
        ServerCheck r = checker.checkOne(coturn.turnUrl(), new IceChecker.Options(null, null, null));
        assertThat(r.status()).isEqualTo(Status.NOT_CHECKED);
        assertThat(r.detail()).contains("401 challenge").contains(CoturnServer.REALM);
    }

    @Test
    void devOverlayLetsTheRelayReachLoopback() {
        ServerCheck r = checker.checkOne(coturn.turnUrl(), new IceChecker.Options(Duration.ofSeconds(3),
                new IceCredentials.RestSecret(CoturnServer.SECRET, "bob", null), "127.0.0.1"));
        assertThat(r.permission().allowed()).as(r.toString()).isTrue();
    }

    @Test
    void aClosedPortFailsWithinTheTimeout() throws Exception {
        int closed;
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            closed = s.getLocalPort();
        }
        long t0 = System.nanoTime();
        IceCheckReport report = checker.check(List.of("stun:127.0.0.1:" + closed, "turn:127.0.0.1:" + closed),
                new IceChecker.Options(Duration.ofMillis(400), new IceCredentials.RestSecret(CoturnServer.SECRET,
                        "carol", null), null));
        long elapsedMs = (System.nanoTime() - t0) / 1_000_000;
        assertThat(report.passed()).isFalse();
        assertThat(report.servers()).allSatisfy(s -> {
            assertThat(s.status()).isEqualTo(Status.FAILED);
            assertThat(s.detail()).startsWith("timeout");
        });
        // both servers are checked in parallel, each with a 400 ms budget
        assertThat(elapsedMs).isGreaterThanOrEqualTo(400).isLessThan(400 + 1500);
    }

    @Test
    void tcpAndTlsAreReportedAsNotCheckedNeverPassed() {
        IceCheckReport report = checker.check(List.of(coturn.turnUrl() + "?transport=tcp", "turns:127.0.0.1:5349"),
                rest(CoturnServer.SECRET));
        assertThat(report.servers()).extracting(ServerCheck::status).containsOnly(Status.NOT_CHECKED);
        assertThat(report.servers().get(1).detail()).contains("TLS");
        assertThat(report.passed()).isFalse();
        assertThat(report.anyChecked()).isFalse();
    }

    @Test
    void aReportPassesOnlyWhenEveryCheckedServerPassed() {
        IceCheckReport mixed = checker.check(List.of(coturn.stunUrl(), coturn.turnUrl(), "turns:127.0.0.1"),
                rest(CoturnServer.SECRET));
        assertThat(mixed.passed()).isTrue();
        IceCheckReport bad = checker.check(List.of(coturn.stunUrl(), coturn.turnUrl()), rest("wrong-secret-xxxxxxxx"));
        assertThat(bad.passed()).isFalse();
        assertThat(bad.servers().get(0).status()).isEqualTo(Status.PASSED);
    }

    private static ServerCheck allocate(StunSession session, IceUrl url, IceCredentials.Fixed creds, boolean release)
            throws Exception {
        return new TurnAllocation(session, url, "s", creds, System.nanoTime() + 2_000_000_000L).run(null, release);
    }

    @Test
    void aCheckFromALocalPortCoturnStillHoldsRetriesFromAnotherPort() throws Exception {
        IceUrl url = IceUrl.parse(coturn.turnUrl());
        TurnRestCredentials.Credential c = new TurnRestCredentials(List.of(CoturnServer.SECRET), Clock.systemUTC())
                .issue("erin", Duration.ofMinutes(5));
        int port;
        try (StunSession held = new StunSession(new InetSocketAddress("127.0.0.1", url.port()))) {
            assertThat(allocate(held, url, new IceCredentials.Fixed(c.username(), c.password()), false).status())
                    .isEqualTo(Status.PASSED);
            port = held.localPort();
        }
        // ice4j closes the socket on its own thread: wait until the port can be bound again
        int heldPort = port;
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress("127.0.0.1", heldPort))) {
                return true;
            } catch (java.net.SocketException busy) {
                return false;
            }
        });
        // a new check that happens to get the same local port meets the kept allocation (437) and retries
        ServerCheck r = checker.checkOne(coturn.turnUrl(), rest(CoturnServer.SECRET), port);
        assertThat(r.status()).as(r.toString()).isEqualTo(Status.PASSED);
    }

    @Test
    void aReleasedAllocationFreesTheFiveTupleAndAnUnreleasedOneDoesNot() throws Exception {
        TurnRestCredentials.Credential c = new TurnRestCredentials(List.of(CoturnServer.SECRET), Clock.systemUTC())
                .issue("dave", Duration.ofMinutes(5));
        IceCredentials.Fixed creds = new IceCredentials.Fixed(c.username(), c.password());
        IceUrl url = IceUrl.parse(coturn.turnUrl());
        InetSocketAddress server = new InetSocketAddress("127.0.0.1", url.port());
        try (StunSession session = new StunSession(server)) {
            ServerCheck first = allocate(session, url, creds, true);
            assertThat(first.status()).isEqualTo(Status.PASSED);
            assertThat(first.released()).isTrue();
            // same socket, same 5-tuple: coturn frees a released allocation about a second later, and
            // only then does a second Allocate succeed (this one is kept)
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                    .until(() -> allocate(session, url, creds, false).status() == Status.PASSED);
            // the kept allocation lives on (600 s): every further Allocate is an allocation mismatch
            await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(4)).pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        Integer code = allocate(session, url, creds, true).errorCode();
                        return code != null && code == 437;
                    });
        }
    }
}
