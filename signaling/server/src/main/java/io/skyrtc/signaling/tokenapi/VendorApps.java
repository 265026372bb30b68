package io.skyrtc.signaling.tokenapi;

import io.skyrtc.signaling.http.HttpCall;
import io.skyrtc.signaling.http.HttpError;
import io.skyrtc.tokens.agora.AgoraApp;
import io.skyrtc.tokens.agora.AgoraTokenBuilder;
import io.skyrtc.tokens.TokenEnvironment;
import io.skyrtc.tokens.tencent.TencentApp;
import io.skyrtc.tokens.tencent.TencentSigner;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The configured Agora and Tencent apps by name, each with its ready builder. A request names its
 * app; when exactly one app of a vendor is configured the name may be omitted. A reload swaps the
 * whole set ({@link #reconfigure}).
 */
public final class VendorApps {
    /** An Agora app: the name requests use, its credentials and builder. */
    public record Agora(String name, AgoraApp app, AgoraTokenBuilder builder) {}

    /** A Tencent app: the name requests use, its credentials and signer. */
    public record Tencent(String name, TencentApp app, TencentSigner signer) {}

    /** One configuration's apps, built once and never changed. */
    private record Apps(TokenApiSettings config, Map<String, Agora> agora, Map<String, Tencent> tencent) {}

    private final TokenEnvironment env;
    private volatile Apps apps;

    public VendorApps(TokenApiSettings config, TokenEnvironment env) {
        this.env = env;
        this.apps = build(config, env);
    }

    /** A reload's apps and secrets, for the next request on. */
    public void reconfigure(TokenApiSettings config) {
        this.apps = build(config, env);
    }

    private static Apps build(TokenApiSettings config, TokenEnvironment env) {
        Map<String, Agora> agora = new LinkedHashMap<>();
        Map<String, Tencent> tencent = new LinkedHashMap<>();
        for (TokenApiSettings.AgoraApp a : config.agora()) {
            AgoraApp app = new AgoraApp(a.appId(), a.appCertificate());
            agora.put(a.name(), new Agora(a.name(), app, new AgoraTokenBuilder(app, env, a.charset())));
        }
        for (TokenApiSettings.TencentApp t : config.tencent()) {
            TencentApp app = new TencentApp(t.sdkAppId(), t.secretKey());
            tencent.put(t.name(), new Tencent(t.name(), app, new TencentSigner(app, env)));
        }
        return new Apps(config, java.util.Collections.unmodifiableMap(agora),
                java.util.Collections.unmodifiableMap(tencent));
    }

    /** The configured app names of {@code vendor} ({@code agora} or {@code tencent}). */
    public java.util.Set<String> names(String vendor) {
        Apps a = apps;
        return vendor.equals("agora") ? a.agora().keySet() : a.tencent().keySet();
    }

    public TokenApiSettings config() {
        return apps.config();
    }

    /** The Agora app a request names, once the key is known to have some {@code agora} scope. */
    public Agora agora(String name, HttpCall call) throws HttpError {
        return pick(apps.agora(), name, "agora", "Agora", "vendors.agora", call);
    }

    /** The Tencent app a request names, once the key is known to have some {@code tencent} scope. */
    public Tencent tencent(String name, HttpCall call) throws HttpError {
        return pick(apps.tencent(), name, "tencent", "Tencent", "vendors.tencent", call);
    }

    /**
     * The app's scope is checked before the app is looked up, and errors list only the apps this key
     * may use: a key learns nothing about apps it cannot mint for.
     */
    private static <T> T pick(Map<String, T> apps, String name, String scope, String vendor, String key, HttpCall call)
            throws HttpError {
        call.noteAppNamed(name);
        if (apps.isEmpty()) {
            throw new HttpError(404, "not-configured", "no " + vendor + " app is configured (" + key + ")", "app", null);
        }
        List<String> usable = apps.keySet().stream().filter(n -> call.principal().allows(scope + ":" + n)).toList();
        if (name == null) {
            if (apps.size() == 1) {
                String only = apps.keySet().iterator().next();
                call.requireScope(scope + ":" + only);
                return apps.get(only);
            }
            throw HttpError.badRequest("app", "several " + vendor + " apps are configured; name one"
                    + (usable.isEmpty() ? "" : " of " + usable));
        }
        call.requireScope(scope + ":" + name);
        T app = apps.get(name);
        if (app == null) {
            throw HttpError.badRequest("app", "no " + vendor + " app named '" + name + "'; this key may use " + usable);
        }
        return app;
    }
}
