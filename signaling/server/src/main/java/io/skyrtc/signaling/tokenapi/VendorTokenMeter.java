package io.skyrtc.signaling.tokenapi;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.skyrtc.signaling.http.HttpCall;
import io.skyrtc.signaling.http.HttpEndpoint;
import io.skyrtc.signaling.http.HttpError;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts a vendor token route's requests as {@code skyrtc_vendor_tokens_total{vendor, app, outcome}}:
 * {@code outcome} is {@code ok} or the error code; {@code app} is a configured app's name (the one minted
 * for, or the one a refused request named), {@code other} for a name not configured and {@code none}
 * when the request named none (or was refused before its body was read) and several apps exist. Label
 * values thus come from the config and the error codes only. The app a request named is what the endpoint
 * noted on the call ({@link HttpCall#appNamed}): the body is never parsed a second time. Counters are looked
 * up once per (app, outcome) and kept.
 */
public final class VendorTokenMeter implements HttpEndpoint {
    private final String vendor;
    private final VendorApps apps;
    private final HttpEndpoint inner;
    private final MeterRegistry registry;
    /** app → outcome → counter; keys are bounded: configured names, other, none × the error codes. */
    private final Map<String, Map<String, Counter>> counters = new ConcurrentHashMap<>();

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
        Map<String, Counter> byOutcome = counters.get(app);
        if (byOutcome == null) {
            byOutcome = counters.computeIfAbsent(app, a -> new ConcurrentHashMap<>());
        }
        Counter counter = byOutcome.get(outcome);
        if (counter == null) {
            counter = byOutcome.computeIfAbsent(outcome, o -> Counter.builder("skyrtc.vendor.tokens")
                    .description("vendor token requests by vendor, app and outcome")
                    .tag("vendor", vendor).tag("app", app).tag("outcome", o).register(registry));
        }
        counter.increment();
    }

    /** The app the request named, if configured; the only app when it named none. */
    private String appNamed(HttpCall call) {
        Set<String> configured = apps.names(vendor);
        String named = call.appNamed();
        if (named == null) {
            return configured.size() == 1 ? configured.iterator().next() : "none";
        }
        return configured.contains(named) ? named : "other";
    }
}
