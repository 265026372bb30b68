package io.skyrtc.signaling.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skyrtc.signaling.config.ConfigException;
import io.skyrtc.signaling.testing.ServerFixture;
import io.skyrtc.signaling.testing.TestServers;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Redis Cluster is not supported (the lease scripts use keys of different hash slots): a node whose
 * redis.url is a real cluster-mode redis-server refuses to start with a configuration error saying so;
 * the same redis-server without cluster mode is used as always.
 */
class RedisClusterRefusedTest {
    @RegisterExtension
    final ServerFixture fixture = new ServerFixture();

    @Test
    void aClusterNodeIsRefusedAtStartWithAClearError() throws Exception {
        try (RedisProcess cluster = new RedisProcess(List.of("--cluster-enabled", "yes"))) {
            assertThatThrownBy(() -> TestServers.dev(Cluster.overrides(cluster, "a", "cl", 3000)))
                    .rootCause().isInstanceOf(ConfigException.class)
                    .hasMessageContaining("redis.url 127.0.0.1:" + cluster.port)
                    .hasMessageContaining("Redis Cluster is not supported")
                    .hasMessageContaining("redis-sentinel://");
        }
        try (RedisProcess plain = new RedisProcess()) {
            assertThat(fixture.use(TestServers.dev(Cluster.overrides(plain, "a", "cl", 3000))).routing().redisUp())
                    .isTrue();
        }
    }
}
