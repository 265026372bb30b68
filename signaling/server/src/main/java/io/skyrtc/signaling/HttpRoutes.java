package io.skyrtc.signaling;

import io.skyrtc.signaling.admin.AdminRoutes;
import io.skyrtc.signaling.config.SkyrtcConfig;
import io.skyrtc.signaling.demo.DemoTokenRoute;
import io.skyrtc.signaling.http.ApiHandler;
import io.skyrtc.signaling.http.Health;
import io.skyrtc.signaling.http.HttpEndpoint;
import io.skyrtc.signaling.http.RoomTokenEndpoint;
import io.skyrtc.signaling.limits.ClientAddress;
import io.skyrtc.signaling.limits.KeyedRateLimiter;
import io.skyrtc.signaling.ops.Probes;
import io.skyrtc.signaling.ops.Readiness;
import io.skyrtc.signaling.tokenapi.AgoraRtcEndpoint;
import io.skyrtc.signaling.tokenapi.AgoraRtmEndpoint;
import io.skyrtc.signaling.tokenapi.TencentPrivateMapKeyEndpoint;
import io.skyrtc.signaling.tokenapi.TencentUserSigEndpoint;
import io.skyrtc.signaling.tokenapi.VendorTokenMeter;
import io.skyrtc.signaling.turn.IceCheckEndpoint;
import io.skyrtc.signaling.turn.TurnCredentialsEndpoint;
import io.skyrtc.tokens.TokenEnvironment;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;

/** The JSON API's route table: probes, tokens, TURN, vendor tokens, admin and the demo's token route. */
final class HttpRoutes {
    private HttpRoutes() {}

    private static HttpEndpoint metered(String vendor, ServerFeatures f, HttpEndpoint route) {
        return VendorTokenMeter.metered(vendor, f.vendors, route, f.metrics.registry());
    }

    static ApiHandler api(SkyrtcConfig config, ServerFeatures f, Health health, Readiness readiness,
                          AdminRoutes.Actions actions, Supplier<URI> baseUri) {
        SkyrtcConfig.Limits l = config.limits();
        var routing = f.routing;
        ApiHandler api = new ApiHandler(ApiHandler.requestMapper(), f.apiKeys)
                .limitAuthFailures(new KeyedRateLimiter(config.auth().failuresPerMinutePerIp(),
                        config.auth().failureBurstPerIp(), KeyedRateLimiter.DEFAULT_MAX_KEYS),
                        new ClientAddress(config.server().trustedProxies()))
                .open("GET", "/healthz", health)
                .open("GET", "/livez", Probes.live())
                .open("GET", "/readyz", Probes.ready(readiness, new Probes.Dependencies(
                        config.server().readiness().requireTurn(), config.server().readiness().requireActorCore(),
                        f::turnState, f::actorCoreState), routing == null ? null
                        : () -> Map.of("redis", routing.redisUp() ? "up" : "down", "node", routing.nodeId())))
                .withApiKey("POST", "/v1/tokens/room", new RoomTokenEndpoint(f.roomTokens,
                        config.auth().roomTokenTtlSeconds(), config.auth().maxRoomTokenTtlSeconds(),
                        l.maxRoomChars()))
                .open("GET", "/v1/turn/credentials", new TurnCredentialsEndpoint(f.turn, f.apiKeys, f.roomTokens,
                        new KeyedRateLimiter(config.turn().credentialsPerMinute(), config.turn().credentialsBurst(),
                                KeyedRateLimiter.DEFAULT_MAX_KEYS)))
                .open("GET", "/v1/turn/health", call -> f.turn.healthSnapshot())
                .withApiKey("POST", "/v1/ice/check", new IceCheckEndpoint(f.turn, config.turn().checkTimeoutMs(),
                        Clock.systemUTC()))
                .withApiKey("POST", "/v1/tokens/agora/rtc", metered("agora", f,
                        new AgoraRtcEndpoint(f.vendors, TokenEnvironment.system())))
                .withApiKey("POST", "/v1/tokens/agora/rtm", metered("agora", f, new AgoraRtmEndpoint(f.vendors)))
                .withApiKey("POST", "/v1/tokens/tencent/usersig", metered("tencent", f,
                        new TencentUserSigEndpoint(f.vendors)))
                .withApiKey("POST", "/v1/tokens/tencent/privmapkey", metered("tencent", f,
                        new TencentPrivateMapKeyEndpoint(f.vendors)));
        AdminRoutes.install(api, f.commands, f.rooms, f.metrics, actions);
        SkyrtcConfig.Demo demoConfig = config.demo();
        if (demoConfig.tokenRoute()) {
            String key = demoConfig.apiKey().isEmpty() ? SkyrtcServer.DEV_API_KEY : demoConfig.apiKey();
            api.open("POST", "/demo/token", new DemoTokenRoute(baseUri, key, demoConfig.tokenTtlSeconds(),
                    ApiHandler.strictMapper()));
        }
        return api;
    }
}
