package io.skyrtc.signaling.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skyrtc.signaling.config.ConfigException;
import io.skyrtc.signaling.testing.TestServers;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IpRangesTest {
    static boolean in(String cidrs, String address) throws Exception {
        return IpRanges.of(List.of(cidrs.split(","))).contains(InetAddress.getByName(address));
    }

    @Test
    void prefixesMatchBitByBitOnBothFamilies() throws Exception {
        assertThat(in("127.0.0.0/8", "127.1.2.3")).isTrue();
        assertThat(in("127.0.0.0/8", "128.0.0.1")).isFalse();
        assertThat(in("10.1.2.0/23", "10.1.3.255")).isTrue();
        assertThat(in("10.1.2.0/23", "10.1.4.0")).isFalse();
        assertThat(in("192.0.2.7", "192.0.2.7")).isTrue();
        assertThat(in("192.0.2.7", "192.0.2.8")).isFalse();
        assertThat(in("0.0.0.0/0", "203.0.113.1")).isTrue();
        assertThat(in("::1/128", "::1")).isTrue();
        assertThat(in("::1/128", "::2")).isFalse();
        assertThat(in("fd00::/8", "fd12:3456::1")).isTrue();
        assertThat(in("127.0.0.0/8", "::1")).isFalse();
        assertThat(in("10.0.0.0/8", "::ffff:10.9.8.7")).isTrue();
    }

    @Test
    void entriesThatAreNotLiteralAddressesAreRefusedAtStartUpNamingTheKey() {
        for (String bad : List.of("localhost", "10.0.0.0/33", "::1/129", "10.0.0.256/8", "10.0.0.0/x", "")) {
            assertThatThrownBy(() -> TestServers.config(Map.of("server.metrics.allow", "[\"" + bad + "\"]")))
                    .as(bad).isInstanceOf(ConfigException.class).hasMessageContaining("server.metrics.allow");
        }
        assertThat(TestServers.config(Map.of("server.metrics.allow", "10.0.0.0/32,::/0")).server().metrics().allow())
                .containsExactly("10.0.0.0/32", "::/0");
    }
}
