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
}
