package io.skyrtc.signaling.ws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The outbound bound in frames and in bytes, exactly at each edge. */
class OutboundQueueTest {

    @Test
    void bytesEdge() {
        OutboundQueue q = new OutboundQueue(1000, 100);
        assertThat(q.tryAdd(60)).isTrue();
        assertThat(q.tryAdd(40)).isTrue();   // exactly 100 bytes queued
        assertThat(q.tryAdd(1)).isFalse();   // 101
        assertThat(q.frames()).isEqualTo(2);
        assertThat(q.bytes()).isEqualTo(100);
        q.release(40);
        assertThat(q.tryAdd(40)).isTrue();   // written frames make room again
        assertThat(q.tryAdd(0)).isTrue();
    }

    @Test
    void framesEdge() {
        OutboundQueue q = new OutboundQueue(3, 1 << 20);
        assertThat(q.tryAdd(1)).isTrue();
        assertThat(q.tryAdd(1)).isTrue();
        assertThat(q.tryAdd(1)).isTrue();
        assertThat(q.tryAdd(1)).isFalse();
        assertThat(q.frames()).isEqualTo(3);
        assertThat(q.bytes()).isEqualTo(3);
        q.release(1);
        assertThat(q.tryAdd(1)).isTrue();
    }

    @Test
    void oneFrameLargerThanTheByteBoundPassesOnlyAlone() {
        OutboundQueue q = new OutboundQueue(1000, 100);
        assertThat(q.tryAdd(500)).isTrue();
        assertThat(q.tryAdd(1)).isFalse();
        q.release(500);
        assertThat(q.tryAdd(1)).isTrue();
        assertThat(q.tryAdd(500)).isFalse();
        assertThat(q.bytes()).isEqualTo(1);
    }

    @Test
    void everyConnectionsQueueAddsUpInTheNodesTotal() {
        java.util.concurrent.atomic.LongAdder node = new java.util.concurrent.atomic.LongAdder();
        OutboundQueue a = new OutboundQueue(1000, 100, node), b = new OutboundQueue(1000, 100, node);
        assertThat(a.tryAdd(60)).isTrue();
        assertThat(b.tryAdd(30)).isTrue();
        assertThat(a.tryAdd(50)).isFalse();  // refused: not counted
        assertThat(node.sum()).isEqualTo(90);
        a.release(60);
        b.release(30);
        assertThat(node.sum()).isZero();
    }
}
