package io.skyrtc.signaling.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class KeyedRateLimiterTest {
    static final long SECOND = 1_000_000_000L;

    @Test
    void eachKeyHasItsOwnBurstAndRefill() {
        KeyedRateLimiter l = new KeyedRateLimiter(60, 2, 10);  // one per second, two at once
        assertThat(l.admit("a", 0)).isZero();
        assertThat(l.admit("a", 0)).isZero();
        assertThat(l.admit("a", 0)).isEqualTo(SECOND);
        assertThat(l.admit("b", 0)).isZero();
        assertThat(l.admit("a", SECOND)).isZero();
    }

    @Test
    void chargesBlockWithoutAdmitting() {
        KeyedRateLimiter l = new KeyedRateLimiter(60, 2, 10);
        assertThat(l.blockedFor("ip", 0)).isZero();
        l.charge("ip", 0);
        assertThat(l.blockedFor("ip", 0)).isZero();
        l.charge("ip", 0);
        assertThat(l.blockedFor("ip", 0)).isEqualTo(SECOND);
        l.charge("ip", 0);  // charging an empty bucket changes nothing
        assertThat(l.blockedFor("ip", SECOND / 2)).isEqualTo(SECOND / 2);
    }

    @Test
    void theMapIsBoundedIdleBucketsAreSweptAndNewKeysShareTheOverflowWhenFull() {
        KeyedRateLimiter l = new KeyedRateLimiter(60, 1, 2);
        l.charge("a", 0);
        l.charge("b", 0);
        assertThat(l.size()).isEqualTo(2);
        l.charge("c", 0);  // full, nothing idle: c is counted in the shared overflow bucket
        assertThat(l.size()).isEqualTo(3);  // a, b, overflow
        l.charge("x", 0);
        assertThat(l.size()).isEqualTo(3);
        assertThat(l.blockedFor("d", 0)).as("d shares c's overflow bucket").isPositive();
        l.charge("e", 3 * SECOND);  // a and b have refilled: swept, e gets its own bucket
        assertThat(l.blockedFor("a", 3 * SECOND)).isZero();
        assertThat(l.blockedFor("e", 3 * SECOND)).isPositive();
        assertThat(l.size()).isEqualTo(1);
    }

    @Test
    void ipv6AddressesAreKeyedByTheirSlash64() throws Exception {
        assertThat(KeyedRateLimiter.addressKey(InetAddress.getByName("2001:db8:1:2:3:4:5:6")))
                .isEqualTo(KeyedRateLimiter.addressKey(InetAddress.getByName("2001:db8:1:2:ffff::1")))
                .isEqualTo("2001:0db8:0001:0002::/64");
        assertThat(KeyedRateLimiter.addressKey(InetAddress.getByName("2001:db8:1:3::1"))).isEqualTo("2001:0db8:0001:0003::/64");
        assertThat(KeyedRateLimiter.addressKey(InetAddress.getByName("192.0.2.7"))).isEqualTo("192.0.2.7");
    }
}
