package io.skyrtc.signaling.webdemo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.skyrtc.signaling.SkyrtcServer;
import io.skyrtc.signaling.auth.ApiKeys;
import io.skyrtc.signaling.testing.ServerFixture;
import io.skyrtc.signaling.testing.TestServers;
import io.skyrtc.turn.testing.CoturnServer;
import io.skyrtc.turn.testing.SystemPackages;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real calls in Debian's headless Chromium through the demo page and the JS SDK, against a real skyrtc
 * on an ephemeral port with a real coturn handing out TURN: web-demo/e2e/run.mjs (playwright-core).
 * Two peers decode video, a 3-peer mesh, relay-only through coturn (selected pair is relay), a socket
 * drop mid-call resumes on the same peer connection, a leaving peer leaves the grid (with notices and a
 * live peer count). The ICE check page explains a bad URL and a gather without URLs, gathers a relay
 * candidate and passes the server-side check; the token playground refuses ttl "abc" as a styled error,
 * mints, decodes and copies a room token. A second server in production mode (no TURN, demo.tokenRoute)
 * is joined with ?token= and through the example route, hides the playground, and explains relay-only
 * without TURN. A remote peer's mute and camera-off show on its tile (update → peer-updated); the SDK
 * sends JSON and binary over a peer-to-peer data channel, emits quality events and switches camera by
 * device id without renegotiation; and a third server with a 6 s turn.ttlSeconds pushes ice-servers
 * mid-call, which the SDK applies with an ICE restart of the relayed connection (relayed again, video
 * flowing); a peer whose 2 s room token expired loses its socket, the server refuses the resume, and the
 * SDK's refreshToken hook rejoins it as a new peer that receives b again. Screenshots are kept in web-demo/target/e2e/ (call.png, call-after-leave.png,
 * call-remote-muted.png, ice.png, ice-bad-url.png, tokens.png, tokens-error.png, production-call.png,
 * relay-without-turn.png).
 */
public class BrowserCallTest {
    public static final Path WEB_DEMO = Path.of("..", "..", "web-demo").toAbsolutePath().normalize();
    static final List<String> SCENARIOS = List.of("twoPeers", "mesh3", "relayOnly", "resumeKeepsTheCall",
            "leaverIsRemoved", "remoteMuteShown", "sdkFeatures", "iceServersRefresh", "tokenRefreshRejoin", "icePage",
            "tokenPlayground", "productionDemo");
    static final List<String> SCREENSHOTS = List.of("call.png", "call-after-leave.png", "call-remote-muted.png",
            "ice.png", "ice-bad-url.png", "tokens.png", "tokens-error.png", "production-call.png", "relay-without-turn.png");
    static final String DEMO_KEY = "sk_browser-demo-key-0123456789";

    @RegisterExtension
    final ServerFixture fx = new ServerFixture();
    @TempDir
    Path dir;
    CoturnServer coturn;

    @AfterEach
    void stopCoturn() {
        if (coturn != null) {
            coturn.close();
        }
    }

    @Test
    void realCallsInChromium() throws Exception {
        Path chromium = SystemPackages.require("chromium", "chromium");
        Path node = SystemPackages.require("node", "nodejs");
        if (!Files.isDirectory(WEB_DEMO.resolve("node_modules/playwright-core"))) {
            SystemPackages.require("npm", "npm");
            run(List.of("npm", "ci", "--no-audit", "--no-fund"), 300);
        }
        coturn = CoturnServer.start(dir, "dev1", "dev: true\nallowLoopbackPeers: true", List.of(CoturnServer.SECRET));
        SkyrtcServer server = fx.use(TestServers.dev(Map.of(
                "turn.urls", "[\"" + coturn.turnUrl() + "\"]",
                "turn.secrets", "[\"" + CoturnServer.SECRET + "\"]")));

        // TURN credentials that live 6 s: ice-servers is pushed 4.8 s after each welcome, and every 4.8 s after
        SkyrtcServer refreshing = fx.use(TestServers.dev(Map.of(
                "turn.urls", "[\"" + coturn.turnUrl() + "\"]",
                "turn.secrets", "[\"" + CoturnServer.SECRET + "\"]",
                "turn.ttlSeconds", "6")));

        SkyrtcServer production = fx.use(TestServers.start(Map.of(
                "auth.apiKeys", "[{\"name\":\"demo\",\"sha256\":\"" + ApiKeys.sha256Hex(DEMO_KEY) + "\",\"scopes\":[\"room\"]}]",
                "demo.tokenRoute", "true",
                "demo.apiKey", DEMO_KEY)));

        List<String> out = run(List.of(node.toString(), "e2e/run.mjs", "--base", server.baseUri().toString()
                .replaceAll("/$", ""), "--prod-base", production.baseUri().toString().replaceAll("/$", ""),
                "--refresh-base", refreshing.baseUri().toString().replaceAll("/$", ""),
                "--chromium", chromium.toString(), "--out", "target/e2e"), 480);

        ObjectMapper json = new ObjectMapper();
        List<String> passed = new ArrayList<>();
        for (String line : out) {
            if (line.startsWith("{\"scenario\"")) {
                System.out.println(line);   // each scenario's time and facts, in the surefire output
                JsonNode r = json.readTree(line);
                assertThat(r.get("ok").asBoolean()).as(line).isTrue();
                passed.add(r.get("scenario").asText());
            }
        }
        assertThat(passed).as(String.join("\n", out)).containsExactlyElementsOf(SCENARIOS);
        for (String shot : SCREENSHOTS) {
            assertThat(WEB_DEMO.resolve("target/e2e").resolve(shot)).isNotEmptyFile();
        }
    }

    /** Runs a command in web-demo/; its output lines; fails on a non-zero exit (also for the cross-node e2e). */
    public static List<String> run(List<String> command, int timeoutSeconds) throws Exception {
        Process p = new ProcessBuilder(command).directory(WEB_DEMO.toFile()).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                }
            } catch (java.io.IOException ignored) {
                // process ended
            }
        });
        reader.start();
        boolean done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        reader.join(5000);
        synchronized (lines) {
            assertThat(done).as("%s finished within %d s:%n%s", command, timeoutSeconds, String.join("\n", lines)).isTrue();
            assertThat(p.exitValue()).as("%s exit code:%n%s", command, String.join("\n", lines)).isZero();
            return List.copyOf(lines);
        }
    }
}
