package io.skyrtc.turn.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.skyrtc.turn.testing.CoturnServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A coturn with the hardened production profile: allocations work, relaying into loopback does not. */
class ProdProfileCoturnTest {
    @TempDir
    static Path dir;
    static CoturnServer coturn;
    final IceChecker checker = new IceChecker(Clock.systemUTC());

    @BeforeAll
    static void startCoturn() throws Exception {
        coturn = CoturnServer.start(dir, "prod", "", List.of(CoturnServer.SECRET));
    }

    @AfterAll
    static void stopCoturn() {
        coturn.close();
    }

    private ServerCheck allocateAndProbe(String peer) {
        return checker.checkOne(coturn.turnUrl(), new IceChecker.Options(Duration.ofSeconds(3),
                new IceCredentials.RestSecret(CoturnServer.SECRET, "mallory", null), peer));
    }

    @Test
    void createPermissionToLoopbackIsForbidden() {
        ServerCheck r = allocateAndProbe("127.0.0.1");
        assertThat(r.status()).as(r.toString()).isEqualTo(ServerCheck.Status.PASSED);
        assertThat(r.permission().allowed()).isFalse();
        assertThat(r.permission().errorCode()).isEqualTo(403);
    }

    @Test
    void createPermissionToCloudMetadataAndPrivateRangesIsForbidden() {
        for (String peer : List.of("169.254.169.254", "10.1.2.3", "192.168.1.1", "100.64.0.1")) {
            assertThat(allocateAndProbe(peer).permission().errorCode()).as(peer).isEqualTo(403);
        }
    }

    @Test
    void createPermissionToAPublicPeerIsAllowed() {
        ServerCheck r = allocateAndProbe("8.8.8.8");
        assertThat(r.permission().allowed()).as(r.toString()).isTrue();
        assertThat(r.released()).isTrue();
    }
}
