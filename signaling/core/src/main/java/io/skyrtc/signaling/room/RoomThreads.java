package io.skyrtc.signaling.room;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads rooms share: a pool their mailboxes run on (at least two workers, daemon, FIFO) and one
 * timer thread for grace, empty-room and refresh timers (which post to the room, never run it).
 */
final class RoomThreads implements AutoCloseable {
    private final ExecutorService executor;
    private final ScheduledThreadPoolExecutor timers;

    RoomThreads() {
        AtomicInteger n = new AtomicInteger();
        this.executor = new ForkJoinPool(Math.max(2, Runtime.getRuntime().availableProcessors()), pool -> {
            var t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            t.setName("room-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, null, true);
        this.timers = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "room-timers");
            t.setDaemon(true);
            return t;
        });
        this.timers.setRemoveOnCancelPolicy(true);
    }

    ExecutorService executor() {
        return executor;
    }

    void schedule(Runnable task, long delayMs) {
        if (!timers.isShutdown()) {
            timers.schedule(task, delayMs, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void close() {
        timers.shutdownNow();
        executor.shutdown();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
