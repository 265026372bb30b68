package io.skyrtc.signaling.room;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One actor's mailbox: messages are handled one at a time, in the order they were told, never
 * concurrently, without locks. The telling thread runs the actor itself when it is idle (saving a
 * thread hand-off on the hot path) for at most {@code budget} messages, then hands the rest to the
 * shared executor so one busy actor cannot hold an I/O thread or starve the others.
 *
 * <p>A message whose handling throws, {@link Error}s included, goes to the failure handler and the
 * actor goes on with the next one: an exception escaping {@link #drain} would leave the mailbox
 * marked running with nobody running it, and the actor would never answer again.
 */
final class Mailbox<M> {
    private static final Logger LOG = LoggerFactory.getLogger(Mailbox.class);

    private final ConcurrentLinkedQueue<M> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private final Executor executor;
    private final Consumer<M> handler;
    private final BiConsumer<M, Throwable> onFailure;
    private final int budget;
    private final Runnable drainTask = this::drain;
    /** Messages handled and nanoseconds spent handling them; written by the actor only, once per turn. */
    private volatile long handledTotal;
    private volatile long busyNanos;

    Mailbox(Executor executor, Consumer<M> handler, int budget) {
        this(executor, handler, budget, (m, e) -> LOG.error("actor failed on {}", m.getClass().getSimpleName(), e));
    }

    /** {@code onFailure} runs on the actor's turn, with the message that failed and why. */
    Mailbox(Executor executor, Consumer<M> handler, int budget, BiConsumer<M, Throwable> onFailure) {
        this.executor = executor;
        this.handler = handler;
        this.onFailure = onFailure;
        this.budget = budget;
    }

    /** Enqueue, and run the actor on this thread if nobody else is. */
    void tell(M message) {
        queue.offer(message);
        if (running.compareAndSet(false, true)) {
            drain();
        }
    }

    /** Enqueue, and never run on this thread (for timer and scheduler threads). */
    void post(M message) {
        queue.offer(message);
        if (running.compareAndSet(false, true)) {
            executor.execute(drainTask);
        }
    }

    private void failed(M m, Throwable e) {
        try {
            onFailure.accept(m, e);
        } catch (Throwable again) {
            try {
                LOG.error("actor failure handler failed on {}", m.getClass().getSimpleName(), again);
            } catch (Throwable cannotEvenLog) {
                // out of memory, most likely; the actor goes on
            }
        }
    }

    /** Messages handled so far (for admin stat). */
    long handledCount() {
        return handledTotal;
    }

    /** Time spent handling them, in ns (wall clock per turn). */
    long busyNanos() {
        return busyNanos;
    }

    /** Messages waiting; O(length), for admin stat only. */
    int length() {
        return queue.size();
    }

    private void drain() {
        int handled = 0;
        int counted = 0;
        long start = System.nanoTime();
        while (true) {
            M m;
            while (handled < budget && (m = queue.poll()) != null) {
                handled++;
                try {
                    handler.accept(m);
                } catch (Throwable e) {
                    failed(m, e);
                }
            }
            // counted while this thread still owns the actor (one writer), once per turn: two clock reads
            // per turn, not per message
            long now = System.nanoTime();
            handledTotal += handled - counted;
            busyNanos += now - start;
            counted = handled;
            start = now;
            if (handled >= budget && !queue.isEmpty()) {
                // still owned: continue on the executor so this thread goes back to I/O
                executor.execute(drainTask);
                return;
            }
            running.set(false);
            // a message told between the last poll and the release must not be stranded
            if (queue.isEmpty() || !running.compareAndSet(false, true)) {
                return;
            }
        }
    }
}
