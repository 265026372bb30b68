package io.skyrtc.signaling.vendor;

import io.skyrtc.signaling.config.SkyrtcConfig;
import io.skyrtc.signaling.http.HttpError;
import io.skyrtc.tokens.agora.AgoraApp;
import io.skyrtc.tokens.agora.AgoraTokenBuilder;
import io.skyrtc.tokens.TokenEnvironment;
import io.skyrtc.tokens.tencent.TencentApp;
import io.skyrtc.tokens.tencent.TencentSigner;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The configured Agora and Tencent apps by name, each with its ready builder. A request names its
 * app; when exactly one app of a vendor is configured the name may be omitted.
 */
public final class VendorApps {
    /** An Agora app: the name requests use, its credentials and builder. */
    public record Agora(String name, AgoraApp app, AgoraTokenBuilder builder) {}

    /** A Tencent app: the name requests use, its credentials and signer. */
    public record Tencent(String name, TencentApp app, TencentSigner signer) {}

    private final Map<String, Agora> agora = new LinkedHashMap<>();
    private final Map<String, Tencent> tencent = new LinkedHashMap<>();
    private final SkyrtcConfig.Vendors config;

    public VendorApps(SkyrtcConfig.Vendors config, TokenEnvironment env) {
        this.config = config;
        for (SkyrtcConfig.AgoraApp a : config.agora()) {
            AgoraApp app = new AgoraApp(a.appId(), a.appCertificate());
            agora.put(a.name(), new Agora(a.name(), app, new AgoraTokenBuilder(app, env, a.nameCharset())));
        }
        for (SkyrtcConfig.TencentApp t : config.tencent()) {
            TencentApp app = new TencentApp(t.sdkAppId(), t.secretKey());
            tencent.put(t.name(), new Tencent(t.name(), app, new TencentSigner(app, env)));
        }
    }

    public SkyrtcConfig.Vendors config() {
        return config;
    }

    public Agora agora(String name) throws HttpError {
        return pick(agora, name, "Agora", "vendors.agora");
    }

    public Tencent tencent(String name) throws HttpError {
        return pick(tencent, name, "Tencent", "vendors.tencent");
    }

    private static <T> T pick(Map<String, T> apps, String name, String vendor, String key) throws HttpError {
        if (apps.isEmpty()) {
            throw new HttpError(404, "not-configured", "no " + vendor + " app is configured (" + key + ")", "app", null);
        }
        if (name == null) {
            if (apps.size() == 1) {
                return apps.values().iterator().next();
            }
            throw HttpError.badRequest("app", "several " + vendor + " apps are configured; name one of " + apps.keySet());
        }
        T app = apps.get(name);
        if (app == null) {
            throw HttpError.badRequest("app", "no " + vendor + " app named '" + name + "'; configured: " + apps.keySet());
        }
        return app;
    }
}
