package io.skyrtc.signaling.tokenapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.skyrtc.signaling.http.HttpCall;
import io.skyrtc.signaling.http.HttpEndpoint;
import io.skyrtc.signaling.http.HttpError;
import java.io.IOException;
import java.util.Set;

/**
 * Counts a vendor token route's requests as {@code skyrtc_vendor_tokens_total{vendor, app, outcome}}:
 * {@code outcome} is {@code ok} or the error code; {@code app} is a configured app's name (the one minted
 * for, or the one a refused request named), {@code other} for a name not configured and {@code none}
 * when the request named none and several apps exist. Label values thus come from the config only.
 */
public final class VendorTokenMeter implements HttpEndpoint {
    private final String vendor;
    private final VendorApps apps;
    private final HttpEndpoint inner;
    private final MeterRegistry registry;

    private VendorTokenMeter(String vendor, VendorApps apps, HttpEndpoint inner, MeterRegistry registry) {
        this.vendor = vendor;
        this.apps = apps;
        this.inner = inner;
        this.registry = registry;
    }

    /** {@code vendor}: {@code agora} or {@code tencent}. */
    public static HttpEndpoint metered(String vendor, VendorApps apps, HttpEndpoint inner, MeterRegistry registry) {
        return new VendorTokenMeter(vendor, apps, inner, registry);
    }

    @Override
    public Object handle(HttpCall call) throws HttpError {
        Object reply;
        try {
            reply = inner.handle(call);
        } catch (HttpError e) {
            count(appNamed(call), e.code());
            throw e;
        } catch (RuntimeException e) {
            count(appNamed(call), "internal");
            throw e;
        }
        count(reply instanceof TokenReply t ? t.app() : appNamed(call), "ok");
        return reply;
    }

    private void count(String app, String outcome) {
        Counter.builder("skyrtc.vendor.tokens").description("vendor token requests by vendor, app and outcome")
                .tag("vendor", vendor).tag("app", app).tag("outcome", outcome).register(registry).increment();
    }

    /** The app the request named, if configured; the only app when it named none. */
    private String appNamed(HttpCall call) {
        Set<String> configured = apps.names(vendor);
        String named = null;
        try {
            JsonNode body = call.body().length == 0 ? null : call.mapper().readTree(call.body());
            named = body == null || !body.path("app").isTextual() ? null : body.path("app").asText();
        } catch (IOException e) {
            // a body that is not JSON: named none
        }
        if (named == null) {
            return configured.size() == 1 ? configured.iterator().next() : "none";
        }
        return configured.contains(named) ? named : "other";
    }
}
