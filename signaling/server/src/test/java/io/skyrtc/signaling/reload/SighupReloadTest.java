package io.skyrtc.signaling.reload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.skyrtc.signaling.testing.Api;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGHUP to a real {@code skyrtc serve --config FILE} process re-reads the file (without it, the JVM would exit). */
class SighupReloadTest {
    static final Pattern LISTENING = Pattern.compile(".*skyrtc listening on (http://127\\.0\\.0\\.1:\\d+).*");

    @TempDir
    Path dir;

    @Test
    void sighupReloadsTheConfigFile() throws Exception {
        ReloadConfigFile cfg = new ReloadConfigFile(dir).write("key-one", "turn-one", "https://a.example", "");
        ProcessBuilder pb = new ProcessBuilder("java", "-cp", classpath(), "io.skyrtc.signaling.cli.SkyrtcCli", "serve",
                "--config", cfg.file.toString()).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("SKYRTC_"));
        Process p = pb.start();
        List<String> out = new ArrayList<>();
        CompletableFuture<String> base = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    synchronized (out) {
                        out.add(line);
                    }
                    Matcher m = LISTENING.matcher(line);
                    if (m.matches()) {
                        base.complete(m.group(1));
                    }
                }
            } catch (Exception e) {
                base.completeExceptionally(e);
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            URI uri = URI.create(base.get(60, TimeUnit.SECONDS));
            assertThat(Api.post(uri, "/v1/tokens/room", "key-one", ReloadTest.TOKEN_BODY).statusCode()).isEqualTo(200);
            cfg.write("key-two", "turn-one", "https://a.example", "");
            Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(p.pid())).inheritIO().start();
            assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0).as("kill -HUP sent").isTrue();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                synchronized (out) {
                    return String.join("\n", out).contains("event=reload outcome=ok trigger=sighup changed=auth.apiKeys");
                }
            });
            assertThat(p.isAlive()).as("SIGHUP did not end the process").isTrue();
            assertThat(Api.post(uri, "/v1/tokens/room", "key-two", ReloadTest.TOKEN_BODY).statusCode()).isEqualTo(200);
            assertThat(Api.post(uri, "/v1/tokens/room", "key-one", ReloadTest.TOKEN_BODY).statusCode()).isEqualTo(401);
        } finally {
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    static String classpath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }
}
