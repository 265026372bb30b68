package io.skyrtc.signaling.ws;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * The two deadlines of one connection: a {@code welcome} within {@code limits.joinTimeoutMs} of the
 * upgrade, and a protocol message at least every {@code limits.idleTimeoutMs}. WebSocket control
 * frames and unfinished fragments are not messages, so a client that only pings at the WebSocket
 * level, or dribbles out a fragment, holds its connection no longer than a silent one.
 */
final class ConnectionClock {
    private final Scheduler scheduler;
    private final long joinTimeoutMs;
    private final long idleTimeoutMs;
    private volatile long lastMessage = System.nanoTime();
    private volatile boolean welcomed;
    private volatile boolean stopped;

    ConnectionClock(Scheduler scheduler, long joinTimeoutMs, long idleTimeoutMs) {
        this.scheduler = scheduler;
        this.joinTimeoutMs = joinTimeoutMs;
        this.idleTimeoutMs = idleTimeoutMs;
    }

    /** {@code onTimeout} runs on the scheduler's thread unless a welcome came first. */
    void startJoinDeadline(Runnable onTimeout) {
        schedule(() -> {
            if (!welcomed && !stopped) {
                onTimeout.run();
            }
        }, joinTimeoutMs);
    }

    /** {@code onIdle} runs on the scheduler's thread once no message came for the idle timeout. */
    void startIdleDeadline(Runnable onIdle) {
        lastMessage = System.nanoTime();
        schedule(() -> checkIdle(onIdle), idleTimeoutMs);
    }

    private void checkIdle(Runnable onIdle) {
        if (stopped) {
            return;
        }
        long quietMs = (System.nanoTime() - lastMessage) / 1_000_000;
        if (quietMs >= idleTimeoutMs) {
            onIdle.run();
        } else {
            schedule(() -> checkIdle(onIdle), idleTimeoutMs - quietMs);
        }
    }

    /** A whole protocol message arrived. */
    void message() {
        lastMessage = System.nanoTime();
    }

    void welcomed() {
        welcomed = true;
    }

    /** The connection is closing: neither deadline fires any more. */
    void stop() {
        stopped = true;
    }

    /** Runs {@code task} on the scheduler's thread after {@code delayMs} (not at all once the server stops). */
    void later(Runnable task, long delayMs) {
        schedule(task, delayMs);
    }

    private void schedule(Runnable task, long delayMs) {
        try {
            scheduler.schedule(task, delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            // the server is stopping and closes every connection itself
        }
    }
}
