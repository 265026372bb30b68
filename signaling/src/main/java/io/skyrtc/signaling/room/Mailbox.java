package io.skyrtc.signaling.room;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One actor's mailbox: messages are handled one at a time, in the order they were told, never
 * concurrently, without locks. The telling thread runs the actor itself when it is idle (saving a
 * thread hand-off on the hot path) for at most {@code budget} messages, then hands the rest to the
 * shared executor so one busy actor cannot hold an I/O thread or starve the others.
 */
final class Mailbox<M> {
    private static final Logger LOG = LoggerFactory.getLogger(Mailbox.class);

    private final ConcurrentLinkedQueue<M> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private final Executor executor;
    private final Consumer<M> handler;
    private final int budget;
    private final Runnable drainTask = this::drain;

    Mailbox(Executor executor, Consumer<M> handler, int budget) {
        this.executor = executor;
        this.handler = handler;
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

    private void drain() {
        int handled = 0;
        while (true) {
            M m;
            while (handled < budget && (m = queue.poll()) != null) {
                handled++;
                try {
                    handler.accept(m);
                } catch (RuntimeException e) {
                    LOG.error("actor failed on {}", m.getClass().getSimpleName(), e);
                }
            }
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
