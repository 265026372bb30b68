package io.skyrtc.signaling.skynet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class OutboxTest {
    static byte[] frame(long seq) {
        return new byte[] {(byte) seq};
    }

    static List<Long> seqs(List<Outbox.Entry> entries) {
        return entries.stream().map(Outbox.Entry::seq).toList();
    }

    @Test
    void cumulativeAcksSettleEverythingUpToTheSeq() throws Exception {
        Outbox o = new Outbox(10, true);
        for (int i = 0; i < 5; i++) {
            assertThat(o.add(OutboxTest::frame)).isEqualTo(Outbox.Offer.ACCEPTED);
        }
        o.ack(3);
        assertThat(o.depth()).isEqualTo(2);
        assertThat(seqs(o.after(o.acked(), 0, 100))).containsExactly(4L, 5L);
        o.ack(2);   // old ack: ignored
        o.ack(99);  // never sent: ignored
        assertThat(o.acked()).isEqualTo(3);
        assertThat(seqs(o.after(4, 0, 100))).containsExactly(5L);
    }

    @Test
    void dropOldestKeepsTheNewestAtTheEdgeAndCounts() {
        Outbox o = new Outbox(3, true);
        for (int i = 0; i < 3; i++) {
            assertThat(o.add(OutboxTest::frame)).isEqualTo(Outbox.Offer.ACCEPTED);
        }
        assertThat(o.add(OutboxTest::frame)).isEqualTo(Outbox.Offer.DROPPED_OLDEST);
        assertThat(o.depth()).isEqualTo(3);
        assertThat(o.dropped()).isEqualTo(1);
        assertThat(o.lastSeq()).isEqualTo(4);
    }

    @Test
    void dropNewestRefusesAtTheEdgeWithoutUsingASeq() throws Exception {
        Outbox o = new Outbox(2, false);
        o.add(OutboxTest::frame);
        o.add(OutboxTest::frame);
        assertThat(o.add(OutboxTest::frame)).isEqualTo(Outbox.Offer.REFUSED_FULL);
        assertThat(o.lastSeq()).isEqualTo(2);
        o.ack(1);
        assertThat(o.add(OutboxTest::frame)).isEqualTo(Outbox.Offer.ACCEPTED);
        assertThat(seqs(o.after(0, 0, 100))).containsExactly(2L, 3L);
    }

    @Test
    void aTooLargeEventUsesNoSeq() {
        Outbox o = new Outbox(5, true);
        assertThat(o.add(seq -> null)).isEqualTo(Outbox.Offer.REFUSED_TOO_LARGE);
        assertThat(o.tooLarge()).isEqualTo(1);
        o.add(OutboxTest::frame);
        assertThat(o.lastSeq()).isEqualTo(1);
    }

    @Test
    void batchesAreBoundedAndStayInOrderAcrossRingWrapAndGrowth() throws Exception {
        Outbox o = new Outbox(1000, true);
        long cursor = 0;
        List<Long> seen = new java.util.ArrayList<>();
        for (int round = 0; round < 50; round++) {
            for (int i = 0; i < 37; i++) {
                o.add(OutboxTest::frame);
            }
            List<Outbox.Entry> batch;
            while (!(batch = o.after(cursor, 0, 16)).isEmpty()) {
                assertThat(batch.size()).isLessThanOrEqualTo(16);
                batch.forEach(e -> seen.add(e.seq()));
                cursor = batch.get(batch.size() - 1).seq();
            }
            o.ack(cursor - 5);  // keep a few in flight so the ring wraps with live entries
        }
        assertThat(seen).containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 50 * 37).boxed().toList());
        assertThat(o.depth()).isEqualTo(5);
        // after a reconnect the writer starts again from the last ack: exactly the in-flight five
        assertThat(seqs(o.after(o.acked(), 0, 100))).containsExactly(1846L, 1847L, 1848L, 1849L, 1850L);
    }

    /** An overflow evicting what was already written is not a loss: it is counted apart from dropped. */
    @Test
    void evictingAWrittenEventIsNotCountedAsDroppedUntilItsConnectionIsLost() throws Exception {
        Outbox o = new Outbox(3, true);
        for (int i = 0; i < 3; i++) {
            o.add(OutboxTest::frame);
        }
        assertThat(seqs(o.after(0, 0, 2))).containsExactly(1L, 2L);  // written: 1 and 2
        assertThat(o.add(OutboxTest::frame)).isEqualTo(Outbox.Offer.EVICTED_UNACKED);  // evicts 1
        assertThat(o.add(OutboxTest::frame)).isEqualTo(Outbox.Offer.EVICTED_UNACKED);  // evicts 2
        assertThat(o.add(OutboxTest::frame)).isEqualTo(Outbox.Offer.DROPPED_OLDEST);   // evicts 3, never written
        assertThat(o.dropped()).isEqualTo(1);
        assertThat(o.evictedUnacked()).isEqualTo(2);
        assertThat(seqs(o.after(2, 0, 10))).containsExactly(4L, 5L, 6L);
        o.connectionLost();  // 4..6 went out on a connection that died unacknowledged: unsent again
        o.add(OutboxTest::frame);
        assertThat(o.dropped()).isEqualTo(2);
        assertThat(o.evictedUnacked()).isEqualTo(2);
    }

    @Test
    void theOverflowLogSpeaksOncePerIntervalAndSumsUpTheRest() {
        LogThrottle t = new LogThrottle(60_000);
        assertThat(t.occurred()).isEqualTo(1);   // the first one at once
        for (int i = 0; i < 1000; i++) {
            assertThat(t.occurred()).isEqualTo(-1);
        }
        LogThrottle fast = new LogThrottle(0);
        assertThat(fast.occurred()).isEqualTo(1);
        assertThat(fast.occurred()).isEqualTo(1);
    }

    /** 10,000 overflows write one WARN line (the first), not 10,000 (233,864 lines were seen in one run). */
    @Test
    void overflowsAreSummedUpNotLoggedPerEvent() {
        List<String> lines = new java.util.ArrayList<>();  // "level: message with {} and args"
        org.slf4j.Logger log = (org.slf4j.Logger) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {org.slf4j.Logger.class}, (proxy, method, args) -> {
                    if (method.getName().matches("trace|debug|info|warn|error")) {
                        lines.add(method.getName() + ": " + java.util.Arrays.deepToString(args));
                    }
                    return method.getReturnType() == boolean.class ? true : null;
                });
        Outbox o = new Outbox(1, true);
        var event = GatePayloadLimitTest.DATA;
        for (int i = 0; i < 10_000; i++) {
            OutboxReports.logOffer(log, "gate g", o.add(OutboxTest::frame), event, o, 100, "maxPayloadBytes", 1);
        }
        assertThat(o.dropped()).isEqualTo(9_999);
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).startsWith("warn: ").contains("outbox full");
    }
}
