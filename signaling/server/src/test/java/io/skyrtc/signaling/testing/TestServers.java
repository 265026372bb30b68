package io.skyrtc.signaling.testing;

import io.skyrtc.signaling.SkyrtcServer;
import io.skyrtc.signaling.config.ConfigLoader;
import io.skyrtc.signaling.config.SkyrtcConfig;
import io.skyrtc.signaling.room.RoomObserver;
import java.util.HashMap;
import java.util.Map;

/** Starts real servers on 127.0.0.1, ephemeral port, configured the way an operator would (env keys). */
public final class TestServers {
    public static final String SECRET = "test-secret-test-secret-test-secret-0123";

    private TestServers() {}

    /** Production mode unless {@code server.dev} is set; overrides use config key paths. */
    public static SkyrtcConfig config(Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>();
        env.put(ConfigLoader.envName("server.host"), "127.0.0.1");
        env.put(ConfigLoader.envName("server.port"), "0");
        env.put(ConfigLoader.envName("auth.roomTokenSecret"), SECRET);
        // tests start hundreds of servers: no start-up warm-up unless a test asks for one
        env.put(ConfigLoader.envName("server.warmUpMs"), "0");
        overrides.forEach((k, v) -> env.put(ConfigLoader.envName(k), v));
        return ConfigLoader.load(null, env);
    }

    public static SkyrtcServer start(Map<String, String> overrides) {
        return start(config(overrides), RoomObserver.NONE);
    }

    public static SkyrtcServer dev(Map<String, String> overrides) {
        Map<String, String> o = new HashMap<>(overrides);
        o.put("server.dev", "true");
        return start(o);
    }

    public static SkyrtcServer start(SkyrtcConfig config, RoomObserver observer) {
        try {
            return new SkyrtcServer(config, observer).start();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
