package io.skyrtc.signaling.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skyrtc.signaling.config.ConfigException;
import io.skyrtc.signaling.testing.TestServers;
import java.net.InetAddress;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IpRangeTest {

    private static InetAddress ip(String s) {
        InetAddress a = IpRange.literal(s);
        assertThat(a).as(s).isNotNull();
        return a;
    }

    @Test
    void cidrEdges() {
        IpRange r = IpRange.parse("10.1.2.0/23");
        assertThat(r.contains(ip("10.1.2.0"))).isTrue();
        assertThat(r.contains(ip("10.1.3.255"))).isTrue();
        assertThat(r.contains(ip("10.1.4.0"))).isFalse();
        assertThat(r.contains(ip("10.1.1.255"))).isFalse();
        assertThat(IpRange.parse("127.0.0.1").contains(ip("127.0.0.1"))).isTrue();
        assertThat(IpRange.parse("127.0.0.1").contains(ip("127.0.0.2"))).isFalse();
        assertThat(IpRange.parse("0.0.0.0/0").contains(ip("203.0.113.9"))).isTrue();
        IpRange v6 = IpRange.parse("2001:db8::/32");
        assertThat(v6.contains(ip("2001:db8:ffff::1"))).isTrue();
        assertThat(v6.contains(ip("2001:db9::1"))).isFalse();
        assertThat(v6.contains(ip("10.1.2.3"))).isFalse();
    }

    @Test
    void literalsAreParsedWithoutDnsAndNamesAreRefused() {
        assertThat(ip("203.0.113.7:4711")).isEqualTo(ip("203.0.113.7"));
        assertThat(ip("[2001:db8::1]:443")).isEqualTo(ip("2001:db8::1"));
        assertThat(ip(" ::ffff:192.0.2.1 ")).isEqualTo(ip("192.0.2.1"));
        for (String notAnAddress : new String[] {"localhost", "example.com", "unknown", "999.1.1.1", "1.2.3",
                "", "g::1", "[::1", "_hidden", ".::1"}) {
            assertThat(IpRange.literal(notAnAddress)).as(notAnAddress).isNull();
        }
    }

    @Test
    void badRangesAreRefusedWithTheirText() {
        assertThatThrownBy(() -> IpRange.parse("10.0.0.0/33")).hasMessageContaining("0-32");
        assertThatThrownBy(() -> IpRange.parse("proxy.internal")).hasMessageContaining("proxy.internal");
        assertThatThrownBy(() -> TestServers.config(Map.of("server.trustedProxies", "10.0.0.1,10.0.0.0/x")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("server.trustedProxies")
                .hasMessageContaining("10.0.0.0/x");
        assertThatThrownBy(() -> TestServers.config(Map.of("limits.maxConnectionsPerIp", "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("limits.maxConnectionsPerIp");
        assertThatThrownBy(() -> TestServers.config(Map.of("limits.joinTimeoutMs", "99")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("limits.joinTimeoutMs");
        assertThatThrownBy(() -> TestServers.config(Map.of("limits.outboundQueueMaxBytes", "1023")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("limits.outboundQueueMaxBytes");
        assertThat(TestServers.config(Map.of()).limits().maxConnectionsPerIp()).isEqualTo(64);
        assertThat(TestServers.config(Map.of()).limits().joinTimeoutMs()).isEqualTo(10_000);
        assertThat(TestServers.config(Map.of()).limits().outboundQueueMaxBytes()).isEqualTo(1 << 20);
        assertThat(TestServers.config(Map.of()).server().trustedProxies()).isEmpty();
    }
}
