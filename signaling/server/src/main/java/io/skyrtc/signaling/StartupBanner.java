package io.skyrtc.signaling;

import io.skyrtc.signaling.config.SkyrtcConfig;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What an operator needs to see at start: the mode, missing keys, and where everything is served. */
final class StartupBanner {
    private static final Logger LOG = LoggerFactory.getLogger(SkyrtcServer.class);

    private StartupBanner() {}

    static void log(SkyrtcConfig config, URI base, String metricsBase) {
        if (config.server().dev()) {
            LOG.warn("DEV MODE: joins without a room token are accepted, any Origin may connect{}",
                    config.auth().apiKeys().isEmpty() ? ", and the API key '" + SkyrtcServer.DEV_API_KEY
                            + "' is accepted" : "");
            LOG.warn("DEV MODE is for local development only; never expose it to a network");
        } else if (config.auth().apiKeys().isEmpty()) {
            LOG.warn("no API key is configured (auth.apiKeys): minting room tokens (POST /v1/tokens/room) answers 401,"
                    + " so no client can join; create one with `skyrtc apikey new` (README: Production)");
        }
        LOG.info("skyrtc listening on {} (signaling {}/ws)", base, base.toString().replaceFirst("^http", "ws"));
        LOG.info("demo {}/ , probes {}/livez {}/readyz, metrics {}/metrics (key-less from {})", base, base,
                base, metricsBase, config.server().metrics().allow());
    }
}
