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
        assertThat(seqs(o.after(o.acked(), 0))).containsExactly(4L, 5L);
        o.ack(2);   // old ack: ignored
        o.ack(99);  // never sent: ignored
        assertThat(o.acked()).isEqualTo(3);
        assertThat(seqs(o.after(4, 0))).containsExactly(5L);
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
        assertThat(seqs(o.after(0, 0))).containsExactly(2L, 3L);
    }

    @Test
    void aTooLargeEventUsesNoSeq() {
        Outbox o = new Outbox(5, true);
        assertThat(o.add(seq -> null)).isEqualTo(Outbox.Offer.REFUSED_TOO_LARGE);
        assertThat(o.tooLarge()).isEqualTo(1);
        o.add(OutboxTest::frame);
        assertThat(o.lastSeq()).isEqualTo(1);
    }
}
