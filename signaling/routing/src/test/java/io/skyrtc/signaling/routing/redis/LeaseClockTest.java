package io.skyrtc.signaling.routing.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.skyrtc.signaling.room.RoomRouting.OwnerCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The owner's lease deadline (docs/SCALING.md, "Paused vs. Redis down"): an answered renewal confirms the
 * leases for a lease minus a tick from the tick's start; an outage extends that, unless the routing timer
 * stopped for a whole lease (the process was frozen), after which only an answered renewal does.
 */
class LeaseClockTest {
    static final long LEASE_MS = 500;
    static final long TICK_MS = 50;

    @Test
    void anAnsweredRenewalConfirmsTheLeasesForALeaseMinusATickFromTheTicksStart() {
        LeaseClock clock = new LeaseClock(LEASE_MS, TICK_MS);
        assertThat(clock.confirmed()).as("nothing confirmed yet").isFalse();
        clock.renewed(System.nanoTime());
        assertThat(clock.confirmed()).isTrue();
        clock.renewed(System.nanoTime() - 1_000_000L * (LEASE_MS - TICK_MS));  // a tick that started a lease ago
        assertThat(clock.confirmed()).as("an older tick does not shorten it").isTrue();
        LeaseClock late = new LeaseClock(LEASE_MS, TICK_MS);
        late.renewed(System.nanoTime() - 1_000_000L * (LEASE_MS - TICK_MS));  // answered, but sent a lease ago
        assertThat(late.confirmed()).as("the deadline counts from when the renewal was sent").isFalse();
    }

    @Test
    void anOutageKeepsLocalRoomsGoingButNotAfterTheProcessWasFrozen() throws Exception {
        LeaseClock clock = new LeaseClock(LEASE_MS, TICK_MS);
        long t = System.nanoTime();
        clock.tickStarts(t);
        clock.unreachable(t);  // Redis down from the start: an outage, local rooms work
        clock.tickEnds();
        assertThat(clock.confirmed()).isTrue();
        Thread.sleep(LEASE_MS - TICK_MS - 150);  // ticks a bit late, still within a lease: not frozen
        t = System.nanoTime();
        clock.tickStarts(t);
        clock.unreachable(t);
        clock.tickEnds();
        assertThat(clock.frozen()).isFalse();
        assertThat(clock.confirmed()).isTrue();

        Thread.sleep(LEASE_MS + 100);  // the timer stopped for more than a lease (SIGSTOP)
        assertThat(clock.confirmed()).as("the deadline passed while frozen").isFalse();
        t = System.nanoTime();
        clock.tickStarts(t);
        assertThat(clock.frozen()).isTrue();
        clock.unreachable(t);  // and Redis does not answer: the leases may be another node's now
        clock.tickEnds();
        assertThat(clock.confirmed()).isFalse();
        t = System.nanoTime();
        clock.tickStarts(t);
        clock.unreachable(t);  // on time again, still no answer: still not
        clock.tickEnds();
        assertThat(clock.confirmed()).isFalse();
        t = System.nanoTime();
        clock.tickStarts(t);
        clock.renewed(t);  // Redis answered: the leases still held are this node's
        clock.tickEnds();
        assertThat(clock.frozen()).isFalse();
        assertThat(clock.confirmed()).isTrue();
    }

    @Test
    void aFreezeInsideATickThatWaitsForRedisIsNotTakenForAnOutage() throws Exception {
        LeaseClock clock = new LeaseClock(LEASE_MS, TICK_MS);
        long t = System.nanoTime();
        clock.tickStarts(t);
        clock.renewed(t);
        clock.tickEnds();
        t = System.nanoTime();
        clock.tickStarts(t);  // Redis unreachable, the connection open: the tick waits redis.timeoutMs
        Thread.sleep(LEASE_MS + 100);  // SIGSTOP inside that wait
        clock.unreachable(t);
        clock.tickEnds();  // records the time after the wake: the next tick looks on time
        assertThat(clock.confirmed()).isFalse();
        t = System.nanoTime();
        clock.tickStarts(t);
        clock.unreachable(t);  // the deadline had passed as this tick started: the leases may be another node's
        clock.tickEnds();
        assertThat(clock.frozen()).isTrue();
        assertThat(clock.confirmed()).as("not extended by an unanswered tick after the deadline").isFalse();
        t = System.nanoTime();
        clock.tickStarts(t);
        clock.renewed(t);
        clock.tickEnds();
        assertThat(clock.confirmed()).isTrue();
    }

    @Test
    void aRoomMayActOnlyWhileConfirmedAndOwnedAndIsToldWhenItMayAgain() {
        List<String> told = new ArrayList<>();
        LeaseClock clock = new LeaseClock(LEASE_MS, TICK_MS, told::add);
        Map<String, Object> owned = Map.of("mine", 1);
        assertThat(clock.mayAct("mine", owned::containsKey)).isEqualTo(OwnerCheck.HOLD);
        assertThat(clock.mayAct("lost", owned::containsKey)).isEqualTo(OwnerCheck.HOLD);
        clock.renewed(System.nanoTime());
        assertThat(clock.mayAct("mine", owned::containsKey)).isEqualTo(OwnerCheck.ACT);
        assertThat(clock.mayAct("lost", owned::containsKey)).as("confirmed, not ours: not held for ever")
                .isEqualTo(OwnerCheck.NOT_OWNER);
        clock.releaseHolding();
        assertThat(told).containsExactlyInAnyOrder("mine", "lost");
        told.clear();
        clock.releaseHolding();
        assertThat(told).as("told once").isEmpty();
    }

    @Test
    void aRoomThatCannotBeToldStopsNeitherTheOthersNorTheCaller() {
        List<String> told = new ArrayList<>();
        LeaseClock clock = new LeaseClock(LEASE_MS, TICK_MS, room -> {
            told.add(room);
            throw new java.util.concurrent.RejectedExecutionException("the node is closing");
        });
        Map<String, Object> owned = Map.of("a", 1, "b", 2);
        clock.mayAct("a", owned::containsKey);
        clock.mayAct("b", owned::containsKey);
        clock.renewed(System.nanoTime());
        clock.releaseHolding();
        assertThat(told).as("both told, no exception out of the routing timer's tick").containsExactlyInAnyOrder("a", "b");
    }
}
