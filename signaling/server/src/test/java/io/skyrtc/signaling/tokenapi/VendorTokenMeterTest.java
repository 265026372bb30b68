package io.skyrtc.signaling.tokenapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.skyrtc.signaling.auth.ApiPrincipal;
import io.skyrtc.signaling.http.HttpCall;
import io.skyrtc.signaling.http.HttpEndpoint;
import io.skyrtc.signaling.http.HttpError;
import io.skyrtc.tokens.TokenEnvironment;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The vendor token meter labels an error with the app the endpoint noted, without parsing the body again. */
class VendorTokenMeterTest {
    private static final String SECRET = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e";

    /** The endpoints read the body with readValue; a second look with readTree would be the meter's re-parse. */
    private static final class NoTreeMapper extends ObjectMapper {
        int treeReads;

        @Override
        public JsonNode readTree(byte[] content) throws java.io.IOException {
            treeReads++;
            return super.readTree(content);
        }
    }

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final VendorApps apps = new VendorApps(new TokenApiSettings(List.of(), List.of(
            new TokenApiSettings.TencentApp("a", 1400000001, SECRET),
            new TokenApiSettings.TencentApp("b", 1400000002, SECRET)), 3600, 3600), TokenEnvironment.system());
    private final HttpEndpoint metered = VendorTokenMeter.metered("tencent", apps, new TencentUserSigEndpoint(apps),
            registry);
    private final NoTreeMapper mapper = new NoTreeMapper();

    private HttpCall call(String body, String... scopes) {
        return new HttpCall(body.getBytes(StandardCharsets.UTF_8),
                new ApiPrincipal("k", List.of(scopes), 0, 600, 60), mapper, "Bearer x");
    }

    private double count(String app, String outcome) {
        var c = registry.find("skyrtc.vendor.tokens").tag("vendor", "tencent").tag("app", app).tag("outcome", outcome)
                .counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void errorsAreLabelledWithTheNotedAppAndTheBodyIsParsedOnce() throws Exception {
        Object ok = metered.handle(call("{\"app\":\"b\",\"userId\":\"u1\"}", "tencent"));
        assertThat(ok).isInstanceOf(TokenReply.class);
        assertThatThrownBy(() -> metered.handle(call("{\"app\":\"a\",\"userId\":\"u1\",\"ttlSeconds\":0}", "tencent")))
                .isInstanceOf(HttpError.class);
        assertThatThrownBy(() -> metered.handle(call("{\"app\":\"zz\",\"userId\":\"u1\"}", "tencent")))
                .isInstanceOf(HttpError.class);
        assertThatThrownBy(() -> metered.handle(call("{\"userId\":\"u1\"}", "tencent")))
                .isInstanceOf(HttpError.class);
        // refused before the body is read: no app is known, and none is looked for
        assertThatThrownBy(() -> metered.handle(call("{\"app\":\"a\",\"userId\":\"u1\"}", "agora")))
                .isInstanceOf(HttpError.class);
        assertThat(count("b", "ok")).isEqualTo(1);
        assertThat(count("a", "invalid-field")).isEqualTo(1);
        assertThat(count("other", "invalid-field")).isEqualTo(1);
        assertThat(count("none", "invalid-field")).isEqualTo(1);
        assertThat(count("none", "forbidden")).isEqualTo(1);
        assertThat(mapper.treeReads).as("body re-parsed by the meter").isZero();
    }

    @Test
    void aCounterIsLookedUpOncePerAppAndOutcome() throws Exception {
        for (int i = 0; i < 3; i++) {
            metered.handle(call("{\"app\":\"a\",\"userId\":\"u1\"}", "tencent"));
        }
        var first = registry.find("skyrtc.vendor.tokens").tag("app", "a").tag("outcome", "ok").counter();
        registry.remove(first);  // a meter that looked it up again would register a fresh one here
        metered.handle(call("{\"app\":\"a\",\"userId\":\"u1\"}", "tencent"));
        assertThat(first.count()).isEqualTo(4);
        assertThat(registry.find("skyrtc.vendor.tokens").tag("app", "a").counter()).isNull();
    }
}
