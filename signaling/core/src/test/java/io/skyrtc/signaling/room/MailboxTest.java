package io.skyrtc.signaling.room;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The actor guarantee: one message at a time, per-sender order kept, nothing lost. */
class MailboxTest {

    @Test
    void concurrentTellersAreSerializedInPerSenderOrder() throws Exception {
        int senders = 4;
        int perSender = 20_000;
        ExecutorService pool = Executors.newFixedThreadPool(senders + 2);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger maxInside = new AtomicInteger();
        int[] lastSeen = new int[senders];
        java.util.Arrays.fill(lastSeen, -1);
        List<String> violations = new ArrayList<>();
        CountDownLatch all = new CountDownLatch(senders * perSender);
        Mailbox<int[]> box = new Mailbox<>(pool, m -> {
            maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
            // plain (unsynchronized) state is safe only because handling is serial
            if (m[1] != lastSeen[m[0]] + 1) {
                violations.add("sender " + m[0] + " got " + m[1] + " after " + lastSeen[m[0]]);
            }
            lastSeen[m[0]] = m[1];
            inside.decrementAndGet();
            all.countDown();
        }, 16);
        for (int s = 0; s < senders; s++) {
            int sender = s;
            pool.execute(() -> {
                for (int i = 0; i < perSender; i++) {
                    if (i % 2 == 0) {
                        box.tell(new int[] {sender, i});
                    } else {
                        box.post(new int[] {sender, i});
                    }
                }
            });
        }
        assertThat(all.await(30, TimeUnit.SECONDS)).isTrue();
        pool.shutdown();
        assertThat(violations).isEmpty();
        assertThat(maxInside.get()).isEqualTo(1);
        for (int s = 0; s < senders; s++) {
            assertThat(lastSeen[s]).isEqualTo(perSender - 1);
        }
    }

    @Test
    void aFailingHandlerDoesNotStopTheActor() throws Exception {
        List<Integer> seen = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        Mailbox<Integer> box = new Mailbox<>(Runnable::run, i -> {
            if (i == 2) {
                throw new IllegalStateException("boom");
            }
            seen.add(i);
            if (i == 3) {
                done.countDown();
            }
        }, 8);
        box.tell(1);
        box.tell(2);
        box.tell(3);
        assertThat(done.await(1, TimeUnit.SECONDS)).isTrue();
        assertThat(seen).containsExactly(1, 3);
    }

    @Test
    void anErrorGoesToTheFailureHandlerAndTheActorGoesOn() throws Exception {
        List<Integer> seen = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        Mailbox<Integer> box = new Mailbox<>(Runnable::run, i -> {
            if (i == 2) {
                throw new OutOfMemoryError("injected");
            }
            seen.add(i);
            if (i == 3) {
                done.countDown();
            }
        }, 8, (m, e) -> failures.add(m + ":" + e.getMessage()));
        box.tell(1);
        box.tell(2);
        box.tell(3);
        assertThat(done.await(1, TimeUnit.SECONDS)).isTrue();
        assertThat(seen).containsExactly(1, 3);
        assertThat(failures).containsExactly("2:injected");
        // still answering on the executor path too
        CountDownLatch later = new CountDownLatch(1);
        Mailbox<Integer> posted = new Mailbox<>(r -> new Thread(r).start(), i -> {
            if (i == 0) {
                throw new StackOverflowError("injected");
            }
            later.countDown();
        }, 8, (m, e) -> { throw new IllegalStateException("a failing failure handler"); });
        posted.post(0);
        posted.post(1);
        assertThat(later.await(5, TimeUnit.SECONDS)).isTrue();
    }
}
