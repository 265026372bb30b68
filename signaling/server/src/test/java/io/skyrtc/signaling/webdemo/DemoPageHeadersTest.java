package io.skyrtc.signaling.webdemo;

import static org.assertj.core.api.Assertions.assertThat;

import io.skyrtc.signaling.SkyrtcServer;
import io.skyrtc.signaling.http.SecurityHeaders;
import io.skyrtc.signaling.testing.Api;
import io.skyrtc.signaling.testing.ServerFixture;
import io.skyrtc.signaling.testing.TestServers;
import io.skyrtc.turn.testing.SystemPackages;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The demo pages, their scripts and styles, and the JSON API answer with a Content-Security-Policy
 * (framing refused), nosniff and a Referrer-Policy; real Chromium loads each page under that policy
 * without a single violation and runs its module scripts. (The call itself under the policy is
 * BrowserCallTest.)
 */
class DemoPageHeadersTest {
    @RegisterExtension
    final ServerFixture fx = new ServerFixture();
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/", "/index.html", "/ice.html", "/tokens.html", "/call-page.js", "/nav.js",
            "/sdk/skyrtc.js", "/demo.css", "/healthz", "/v1/turn/health", "/no-such-page"})
    void everyAnswerCarriesTheSecurityHeaders(String path) throws Exception {
        SkyrtcServer s = fx.use(TestServers.dev(Map.of()));
        HttpResponse<String> r = Api.get(s.baseUri(), path, null);
        assertThat(r.headers().firstValue("Content-Security-Policy")).hasValue(SecurityHeaders.CONTENT_SECURITY_POLICY);
        assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(r.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
    }

    @Test
    void thePolicyRefusesFramingPluginsAndForeignScripts() {
        assertThat(SecurityHeaders.CONTENT_SECURITY_POLICY).contains("frame-ancestors 'none'", "object-src 'none'",
                "script-src 'self';", "default-src 'self'").doesNotContain("unsafe-inline", "unsafe-eval");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"index.html", "ice.html", "tokens.html"})
    void chromiumLoadsEachPageUnderThePolicyWithoutAViolation(String page) throws Exception {
        Path chromium = SystemPackages.require("chromium", "chromium");
        SkyrtcServer s = fx.use(TestServers.dev(Map.of()));
        Path err = dir.resolve("chromium.err");
        Process p = new ProcessBuilder(chromium.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--disable-dev-shm-usage", "--user-data-dir=" + dir.resolve("profile"),
                "--enable-logging=stderr", "--v=0", "--virtual-time-budget=5000", "--dump-dom",
                s.baseUri().resolve("/" + page).toString())
                .redirectError(err.toFile()).start();
        String dom = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String log = Files.readString(err);
        // nav.js (a module script) ran and built the header, its link styled by demo.css, not inline
        assertThat(dom).as(log).contains("<strong>skyrtc</strong>", "href=\"/healthz\"");
        assertThat(log).doesNotContain("Content Security Policy", "Content-Security-Policy");
        assertThat(List.of(dom)).noneMatch(d -> d.contains(" style=\""));
    }
}
