package io.skyrtc.signaling.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.skyrtc.signaling.SkyrtcServer;
import io.skyrtc.signaling.testing.ServerFixture;
import io.skyrtc.signaling.testing.TestServers;
import io.skyrtc.signaling.webdemo.BrowserCallTest;
import io.skyrtc.turn.testing.SystemPackages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A real call in Debian's headless Chromium between two browser peers on two skyrtc nodes sharing a real
 * Redis (web-demo/e2e/cross-node.mjs): video flows both ways; then node 1 drains and its peer's SDK moves
 * to node 2 from its URL list (same peer id), server-relayed data goes both ways, an ICE restart
 * renegotiates through the new path and video keeps flowing; node 2 ends up owning the room.
 */
class CrossNodeBrowserCallTest {
    @RegisterExtension
    final ServerFixture fixture = new ServerFixture();

    @Test
    void aCallAcrossTwoNodesSurvivesTheDrainOfOne() throws Exception {
        Path chromium = SystemPackages.require("chromium", "chromium");
        Path node = SystemPackages.require("node", "nodejs");
        if (!Files.isDirectory(BrowserCallTest.WEB_DEMO.resolve("node_modules/playwright-core"))) {
            SystemPackages.require("npm", "npm");
            BrowserCallTest.run(List.of("npm", "ci", "--no-audit", "--no-fund"), 300);
        }
        try (RedisProcess redis = new RedisProcess()) {
            SkyrtcServer one = fixture.use(TestServers.dev(Cluster.overrides(redis, "one", "e2e", 3000)));
            SkyrtcServer two = fixture.use(TestServers.dev(Cluster.overrides(redis, "two", "e2e", 3000)));
            await().atMost(Duration.ofSeconds(60)).until(() -> one.routing().redisUp() && two.routing().redisUp());

            List<String> out = BrowserCallTest.run(List.of(node.toString(), "e2e/run.mjs", "--base", base(one), "--node2-base", base(two),
                    "--only", "crossNodeCall", "--chromium", chromium.toString(), "--out", "target/e2e"), 240);
            List<String> results = out.stream().filter(l -> l.startsWith("{\"scenario\"")).toList();
            assertThat(results).as(String.join("\n", out)).hasSize(1);
            System.out.println(results.get(0));
            JsonNode r = new ObjectMapper().readTree(results.get(0));
            assertThat(r.path("ok").asBoolean()).as(results.get(0)).isTrue();
            assertThat(r.path("to").asText()).contains(":" + two.port() + "/");
            await().atMost(Duration.ofSeconds(10)).until(() -> one.stopped().isDone());
            assertThat(two.routing().ownedRooms()).contains("e2e-cross");
        }
    }

    private static String base(SkyrtcServer s) {
        return s.baseUri().toString().replaceAll("/$", "");
    }
}
