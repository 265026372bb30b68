package io.skyrtc.signaling.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skyrtc.signaling.SkyrtcServer;
import io.skyrtc.signaling.config.ConfigException;
import io.skyrtc.signaling.config.ConfigLoader;
import io.skyrtc.signaling.config.ConfigPrinter;
import io.skyrtc.signaling.config.SkyrtcConfig;
import io.skyrtc.signaling.testing.ServerFixture;
import io.skyrtc.signaling.testing.TestServers;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The multi-node keys: off without redis.url, each bound checked at its edge, the URL's password masked. */
class RedisConfigTest {
    @RegisterExtension
    final ServerFixture fixture = new ServerFixture();

    static SkyrtcConfig load(Map<String, String> env) {
        return ConfigLoader.load(null, env);
    }

    @Test
    void withoutRedisUrlTheNodeIsAloneAsBefore() {
        SkyrtcServer server = fixture.use(TestServers.dev(Map.of()));
        assertThat(server.routing()).isNull();
        assertThat(SkyrtcConfig.defaults().redis().enabled()).isFalse();
        assertThat(SkyrtcConfig.defaults().redis().leaseMs()).isEqualTo(3000);
    }

    @Test
    void keysComeFromTheEnvironment() {
        SkyrtcConfig c = load(Map.of("SKYRTC_SERVER_DEV", "true", "SKYRTC_REDIS_URL", "redis://10.0.0.5:6380/2",
                "SKYRTC_SERVER_NODE_ID", "node-7", "SKYRTC_REDIS_LEASE_MS", "5000"));
        assertThat(c.redis().enabled()).isTrue();
        assertThat(c.redis().url()).isEqualTo("redis://10.0.0.5:6380/2");
        assertThat(c.server().nodeId()).isEqualTo("node-7");
        assertThat(c.redis().leaseMs()).isEqualTo(5000);
        assertThat(NodeIds.resolve("node-7")).isEqualTo("node-7");
        assertThat(NodeIds.resolve("")).matches("n-[A-Za-z0-9_-]{8}").isNotEqualTo(NodeIds.resolve(""));
    }

    @Test
    void timeoutMsStaysBelowTheLeaseMinusTwoWatchdogTicks() {
        // leaseMs 3000: ticks of 250 ms, so at most 3000 - 500 - 1
        Map<String, String> env = Map.of("SKYRTC_SERVER_DEV", "true", "SKYRTC_REDIS_URL", "redis://127.0.0.1:1",
                "SKYRTC_REDIS_LEASE_MS", "3000", "SKYRTC_REDIS_TIMEOUT_MS", "2499");
        assertThat(load(env).redis().timeoutMs()).isEqualTo(2499);
        Map<String, String> over = new java.util.HashMap<>(env);
        over.put("SKYRTC_REDIS_TIMEOUT_MS", "2500");
        assertThatThrownBy(() -> load(over)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("redis.timeoutMs (2500) must be at most 2499 with redis.leaseMs 3000");
        // leaseMs 500: ticks of 83 ms, so at most 500 - 166 - 1; the default timeout (1000) does not fit
        over.put("SKYRTC_REDIS_LEASE_MS", "500");
        over.put("SKYRTC_REDIS_TIMEOUT_MS", "333");
        assertThat(load(over).redis().timeoutMs()).isEqualTo(333);
        over.put("SKYRTC_REDIS_TIMEOUT_MS", "334");
        assertThatThrownBy(() -> load(over)).isInstanceOf(ConfigException.class).hasMessageContaining("redis.timeoutMs");
        over.remove("SKYRTC_REDIS_TIMEOUT_MS");
        assertThatThrownBy(() -> load(over)).isInstanceOf(ConfigException.class).hasMessageContaining("redis.timeoutMs");
        over.remove("SKYRTC_REDIS_URL");
        assertThat(load(over).redis().leaseMs()).as("single node: not checked").isEqualTo(500);
    }

    @Test
    void boundsAreCheckedAtTheirEdges() {
        assertThat(load(Map.of("SKYRTC_SERVER_DEV", "true", "SKYRTC_REDIS_LEASE_MS", "500")).redis().leaseMs()).isEqualTo(500);
        assertThat(load(Map.of("SKYRTC_SERVER_DEV", "true", "SKYRTC_REDIS_LEASE_MS", "60000")).redis().leaseMs()).isEqualTo(60000);
        assertThatThrownBy(() -> load(Map.of("SKYRTC_SERVER_DEV", "true", "SKYRTC_REDIS_LEASE_MS", "499")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("redis.leaseMs");
        assertThatThrownBy(() -> load(Map.of("SKYRTC_SERVER_DEV", "true", "SKYRTC_REDIS_LEASE_MS", "60001")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("redis.leaseMs");
        assertThatThrownBy(() -> load(Map.of("SKYRTC_SERVER_DEV", "true", "SKYRTC_REDIS_TIMEOUT_MS", "49")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("redis.timeoutMs");
        assertThatThrownBy(() -> load(Map.of("SKYRTC_SERVER_DEV", "true", "SKYRTC_REDIS_KEY_PREFIX", "a:b")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("redis.keyPrefix");
        assertThatThrownBy(() -> load(Map.of("SKYRTC_SERVER_DEV", "true", "SKYRTC_SERVER_NODE_ID", "a b")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("server.nodeId");
        assertThatThrownBy(() -> load(Map.of("SKYRTC_SERVER_DEV", "true", "SKYRTC_REDIS_URL", "http://redis:6379")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("redis.url");
    }

    @Test
    void configPrintMasksThePassword() {
        String yaml = ConfigPrinter.toYaml(load(Map.of("SKYRTC_SERVER_DEV", "true",
                "SKYRTC_REDIS_URL", "redis://app:hunter2@redis:6379")));
        assertThat(yaml).doesNotContain("hunter2").contains("redis:6379");
    }

    @Test
    void redisClusterAndTheFormOfTheUrlMustAgree() {
        SkyrtcConfig c = load(Map.of("SKYRTC_SERVER_DEV", "true", "SKYRTC_REDIS_URL",
                "redis://app:s3cr3tpw@10.0.0.1:7000,10.0.0.2:7001", "SKYRTC_REDIS_CLUSTER", "true"));
        assertThat(c.redis().cluster()).isTrue();
        assertThat(ConfigPrinter.toYaml(c)).doesNotContain("s3cr3tpw").contains("10.0.0.1:7000,10.0.0.2:7001");
        assertThat(SkyrtcConfig.defaults().redis().cluster()).isFalse();
        assertThat(load(Map.of("SKYRTC_SERVER_DEV", "true", "SKYRTC_REDIS_URL", "rediss://10.0.0.1:7000/0",
                "SKYRTC_REDIS_CLUSTER", "true")).redis().cluster()).isTrue();
        assertThatThrownBy(() -> load(Map.of("SKYRTC_SERVER_DEV", "true", "SKYRTC_REDIS_URL",
                "redis://10.0.0.1:7000,10.0.0.2:7001")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("several hosts (10.0.0.1:7000,10.0.0.2:7001)")
                .hasMessageContaining("redis.cluster: true");
        assertThatThrownBy(() -> load(Map.of("SKYRTC_SERVER_DEV", "true", "SKYRTC_REDIS_CLUSTER", "true")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("redis.url is empty");
        assertThatThrownBy(() -> load(Map.of("SKYRTC_SERVER_DEV", "true", "SKYRTC_REDIS_URL",
                "redis-sentinel://10.0.0.1:26379#m", "SKYRTC_REDIS_CLUSTER", "true")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("Sentinel");
        assertThatThrownBy(() -> load(Map.of("SKYRTC_SERVER_DEV", "true", "SKYRTC_REDIS_URL",
                "redis://10.0.0.1:7000/2", "SKYRTC_REDIS_CLUSTER", "true")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("only database 0");
        // Sentinel's own list of sentinels stays a single Redis
        assertThat(load(Map.of("SKYRTC_SERVER_DEV", "true", "SKYRTC_REDIS_URL",
                "redis-sentinel://10.0.0.1:26379,10.0.0.2:26379#m")).redis().cluster()).isFalse();
    }
}
