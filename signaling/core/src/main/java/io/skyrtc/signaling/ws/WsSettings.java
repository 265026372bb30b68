package io.skyrtc.signaling.ws;

import java.util.List;

/**
 * What the signaling endpoint ({@code /ws}) needs from the configuration.
 *
 * @param dev            dev mode: any Origin may connect
 * @param allowedOrigins browser Origins allowed to open /ws ({@code server.allowedOrigins})
 * @param trustedProxies reverse proxies whose X-Forwarded-For names the client ({@code server.trustedProxies})
 * @param limits         per-connection limits
 */
public record WsSettings(boolean dev, List<String> allowedOrigins, List<String> trustedProxies,
                         ConnectionLimits limits) {
    public WsSettings {
        allowedOrigins = List.copyOf(allowedOrigins);
        trustedProxies = List.copyOf(trustedProxies);
    }
}
