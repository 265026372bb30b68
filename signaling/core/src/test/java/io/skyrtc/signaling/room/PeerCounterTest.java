package io.skyrtc.signaling.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.skyrtc.signaling.metrics.SignalingMetrics;
import io.skyrtc.signaling.protocol.ServerMessage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The peers and detached-peers gauges follow joins, leaves and multi-node restores without drifting (it once went negative). */
class PeerCounterTest {
    final SignalingMetrics metrics = new SignalingMetrics();
    /** The gauge as each restore left it (seen right after the counter, on the room's thread). */
    final List<Integer> afterRestores = new CopyOnWriteArrayList<>();
    final List<Integer> detachedAfterRestores = new CopyOnWriteArrayList<>();
    final RoomRegistry registry = registry();

    RoomRegistry registry() {
        RoomSettings settings = new RoomSettings(4, 10, 60_000, 200, 16, 64 * 1024, 20_000,
                new ServerMessage.LimitsInfo(65536, 32768, 50, 200, 4, 60_000, 200), 64);
        RoomObserver recorder = new RoomObserver() {
            @Override
            public void peerRestored(String room, String peerId, String identity) {
                afterRestores.add(metrics.peers.get());
                detachedAfterRestores.add(metrics.detachedPeers.get());
            }
        };
        return new RoomRegistry(settings, RoomTest.CODEC, (room, peer, identity) -> List.of(), metrics,
                RoomObserver.both(new PeerCounter(metrics), recorder));
    }

    @AfterEach
    void close() {
        registry.close();
    }

    static MemberState member(String peerId) {
        return new MemberState(peerId, peerId, null, null, peerId, ServerMessage.Grants.ALL, null, "rt_" + peerId);
    }

    @Test
    void restoredPeersAreCountedAndUncountedWhenTheirGraceEnds() {
        registry.restore("moved-here", List.of(member("p_a"), member("p_b")));
        await().atMost(Duration.ofSeconds(5)).until(() -> afterRestores.size() == 2);
        assertThat(afterRestores).containsExactly(1, 2);
        assertThat(detachedAfterRestores).as("restored peers are detached").containsExactly(1, 2);
        // Nobody resumes: each grace (200 ms) ends with a peer-left, which must bring the gauge to 0, not below.
        await().atMost(Duration.ofSeconds(10)).until(() -> registry.snapshot("moved-here").get().peers().isEmpty());
        assertThat(metrics.peers.get()).isZero();
        assertThat(metrics.detachedPeers.get()).isZero();
    }
}
