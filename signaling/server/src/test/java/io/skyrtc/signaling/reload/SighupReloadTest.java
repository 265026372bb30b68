package io.skyrtc.signaling.reload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.skyrtc.signaling.testing.Api;
import io.skyrtc.signaling.testing.ServeProcess;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGHUP to a real {@code skyrtc serve --config FILE} process re-reads the file (without it, the JVM would exit). */
class SighupReloadTest {

    @TempDir
    Path dir;

    @Test
    void sighupReloadsTheConfigFile() throws Exception {
        ReloadConfigFile cfg = new ReloadConfigFile(dir).write("key-one", "turn-one", "https://a.example", "");
        try (ServeProcess serve = ServeProcess.start(List.of("--config", cfg.file.toString()), Map.of())) {
            Process p = serve.process();
            URI uri = serve.baseUri();
            assertThat(Api.post(uri, "/v1/tokens/room", "key-one", ReloadTest.TOKEN_BODY).statusCode()).isEqualTo(200);
            cfg.write("key-two", "turn-one", "https://a.example", "");
            Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(p.pid())).inheritIO().start();
            assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0).as("kill -HUP sent").isTrue();
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    serve.output().contains("event=reload outcome=ok trigger=sighup changed=auth.apiKeys"));
            assertThat(p.isAlive()).as("SIGHUP did not end the process").isTrue();
            assertThat(Api.post(uri, "/v1/tokens/room", "key-two", ReloadTest.TOKEN_BODY).statusCode()).isEqualTo(200);
            assertThat(Api.post(uri, "/v1/tokens/room", "key-one", ReloadTest.TOKEN_BODY).statusCode()).isEqualTo(401);
        }
    }
}
