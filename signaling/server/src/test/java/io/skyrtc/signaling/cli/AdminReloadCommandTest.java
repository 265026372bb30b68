package io.skyrtc.signaling.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.skyrtc.signaling.SkyrtcServer;
import io.skyrtc.signaling.reload.ReloadConfigFile;
import io.skyrtc.signaling.testing.ServerFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code skyrtc admin reload} against a real node reading its config file: what changed, and a refusal. */
class AdminReloadCommandTest {
    @RegisterExtension
    final ServerFixture fx = new ServerFixture();

    @TempDir
    Path dir;

    @Test
    void reloadPrintsWhatChangedAndARestartOnlyChangeIsOneLineWithExitCode1() throws Exception {
        ReloadConfigFile cfg = new ReloadConfigFile(dir).write("key-one", "turn-one", "https://a.example", "");
        SkyrtcServer s = fx.use(cfg.start());
        String url = s.baseUri().toString();

        CliRun.Run same = CliRun.run("admin", "--url", url, "--key", "key-one", "reload");
        assertThat(same.exit()).as(same.err()).isZero();
        assertThat(same.out()).isEqualTo("reloaded: nothing changed\n");

        cfg.write("key-one", "turn-two", "https://a.example", "");
        CliRun.Run rotated = CliRun.run("admin", "--url", url, "--key", "key-one", "reload");
        assertThat(rotated.exit()).as(rotated.err()).isZero();
        assertThat(rotated.out()).isEqualTo("reloaded: turn.secrets\n");

        Files.writeString(cfg.file, Files.readString(cfg.file).replace("  port: 0\n", "  port: 1\n"));
        CliRun.Run refused = CliRun.run("admin", "--url", url, "--key", "key-one", "reload");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(AdminCommandTest.cliErr(refused)).startsWith("admin: HTTP 409 restart-needed: ").contains("server.port")
                .doesNotContain("\n" + "admin: ");
        assertThat(s.config().server().port()).isZero();
    }
}
