package io.skyrtc.signaling.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SnowflakeTest {
    /** A clock the test moves by hand. */
    static Clock manual(AtomicLong millis) {
        return new Clock() {
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            public Clock withZone(ZoneId zone) {
                return this;
            }

            public Instant instant() {
                return Instant.ofEpochMilli(millis.get());
            }
        };
    }

    @Test
    void idsCarryTimeAndNodeAndGrowWithinAMillisecond() {
        AtomicLong now = new AtomicLong(Instant.parse("2026-11-21T12:00:00Z").toEpochMilli());
        Snowflake s = new Snowflake(513, manual(now));
        long a = s.next(), b = s.next();
        assertThat(b).isEqualTo(a + 1);
        assertThat(Snowflake.millisOf(a)).isEqualTo(now.get());
        assertThat(Snowflake.nodeOf(a)).isEqualTo(513);
    }

    @Test
    void neverGoesBackwardsWhenTheClockStepsBack() {
        AtomicLong now = new AtomicLong(Instant.parse("2026-11-21T12:00:00Z").toEpochMilli());
        Snowflake s = new Snowflake(1, manual(now));
        long before = s.next();
        now.addAndGet(-5_000);
        long after = s.next();
        assertThat(after).isGreaterThan(before);
        assertThat(Snowflake.millisOf(after)).isEqualTo(Snowflake.millisOf(before));
    }

    @Test
    void aFullSequenceBorrowsTheNextMillisecond() {
        AtomicLong now = new AtomicLong(Instant.parse("2026-11-21T12:00:00Z").toEpochMilli());
        Snowflake s = new Snowflake(1, manual(now));
        long last = 0;
        for (int i = 0; i < 4096; i++) {
            last = s.next();
        }
        assertThat(last & 4095).isEqualTo(4095);
        long next = s.next();
        assertThat(next).isGreaterThan(last);
        assertThat(Snowflake.millisOf(next)).isEqualTo(now.get() + 1);
    }

    @Test
    void nodeIdIsTenBits() {
        assertThatThrownBy(() -> new Snowflake(1024, Clock.systemUTC())).isInstanceOf(IllegalArgumentException.class);
        new Snowflake(1023, Clock.systemUTC()).next();
    }
}
