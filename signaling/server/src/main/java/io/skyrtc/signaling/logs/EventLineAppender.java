package io.skyrtc.signaling.logs;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.spi.AppenderAttachable;
import ch.qos.logback.core.spi.AppenderAttachableImpl;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Writes the event lines ({@link EventLog}) from a thread of its own. A join's line then costs the room
 * actor or network thread that logs it one queue offer, not a formatted, lock-guarded write to stderr,
 * which blocks outright while journald or docker's log reader falls behind. Bounded: a line that finds
 * the queue full is dropped and counted ({@link #dropped()}, metric {@code skyrtc_event_log_dropped_total}),
 * never waited for. Lines keep their order (one queue, one writer). Stopping (logback's shutdown hook at
 * JVM exit) writes what is queued before it returns.
 */
public final class EventLineAppender extends UnsynchronizedAppenderBase<ILoggingEvent>
        implements AppenderAttachable<ILoggingEvent> {
    /** Node-wide, like the log itself: the metric reads it without a handle on logback's appender. */
    private static final LongAdder DROPPED = new LongAdder();
    /** Queued by {@link #stop()} behind the last line: the writer ends when it takes it. */
    private static final ILoggingEvent END = new LoggingEvent();
    /** While true, lines are formatted as usual but not written (the start-up warm-up's thousands of joins). */
    private static volatile boolean muted;
    /** The writer's pause after each batch: a line is written at most this much later. */
    private static final long BATCH_PAUSE_MILLIS = 20;
    /** How long stopping waits for the queued lines to be written. */
    private static final long FLUSH_MILLIS = 5_000;

    private final AppenderAttachableImpl<ILoggingEvent> targets = new AppenderAttachableImpl<>();
    private int queueSize = 8192;
    private volatile BlockingQueue<ILoggingEvent> queue;
    private Thread writer;

    /** Lines that found the queue full since the process started. */
    public static long dropped() {
        return DROPPED.sum();
    }

    /** {@code skyrtc_event_log_dropped_total}. */
    public static void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("event.log.dropped", DROPPED, LongAdder::sum)
                .description("event lines dropped because the event log's queue was full").register(registry);
    }

    /**
     * Stops logback, which stops this appender: the event lines still queued are written. For the end of
     * the process (a daemon writer would otherwise die with lines in its queue). Without logback, nothing.
     */
    public static void flushAtExit() {
        if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context) {
            context.stop();
        }
    }

    /**
     * {@code logging.eventQueue} of a starting node: the shipped appender (logback.xml, {@code EVENTS} on
     * {@value EventLog#LOGGER}) gets a queue of that many lines. Without logback or that appender, nothing.
     */
    public static void useQueueOf(int lines) {
        if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context
                && context.getLogger(EventLog.LOGGER).getAppender("EVENTS") instanceof EventLineAppender shipped) {
            shipped.resize(lines);
        }
    }

    /** Lines waiting for the writer at most (logback.xml; from 1). */
    public void setQueueSize(int queueSize) {
        this.queueSize = queueSize;
    }

    @Override
    public synchronized void start() {
        if (queueSize < 1) {
            addError("queueSize must be at least 1, not " + queueSize);
            return;
        }
        if (!targets.iteratorForAppenders().hasNext()) {
            addError("no appender to write to (an <appender-ref> inside this appender)");
            return;
        }
        queue = new ArrayBlockingQueue<>(queueSize);
        writer = new Thread(this::write, "event-log-writer");
        writer.setDaemon(true);
        writer.start();
        super.start();
    }

    /**
     * Whether event lines are written; off only while the start-up warm-up runs, before the node's port
     * opens (its throwaway rooms would fill the log and the queue at every start).
     */
    public static void mute(boolean on) {
        muted = on;
    }

    @Override
    protected void append(ILoggingEvent event) {
        event.prepareForDeferredProcessing(); // the message, thread name and MDC as they are now
        if (muted) {
            return;
        }
        if (!queue.offer(event)) {
            DROPPED.increment();
        }
    }

    private void write() {
        List<ILoggingEvent> batch = new ArrayList<>();
        while (true) {
            try {
                batch.add(queue.take());
                queue.drainTo(batch);
                for (ILoggingEvent e : batch) {
                    if (e == END) {
                        return;
                    }
                    targets.appendLoopOnAppenders(e);
                }
                // lines that come meanwhile wait in the queue: a logging thread's offer then wakes no
                // one, and the next batch goes out together (at 200 joins/s, a few lines per wake-up)
                Thread.sleep(BATCH_PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                addError("writing an event line failed", e); // the next lines still get their chance
            }
            batch.clear();
        }
    }

    /** Takes no more lines, writes those queued (for at most {@value #FLUSH_MILLIS} ms), stops the targets. */
    @Override
    public synchronized void stop() {
        if (isStarted()) {
            super.stop();
            flush();
            targets.detachAndStopAllAppenders();
        }
    }

    /** A queue of {@code lines} from now on; the lines queued before are written first. */
    synchronized void resize(int lines) {
        if (isStarted()) {
            if (lines == queueSize) {
                return;
            }
            super.stop();
            flush();
        }
        queueSize = lines;
        start();
    }

    private void flush() {
        try {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(FLUSH_MILLIS);
            if (queue.offer(END, FLUSH_MILLIS, TimeUnit.MILLISECONDS)) {
                writer.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) {
            addWarn(queue.size() + " event lines were not written within " + FLUSH_MILLIS + " ms of stopping");
            writer.interrupt();
        }
    }

    @Override
    public void addAppender(Appender<ILoggingEvent> appender) {
        targets.addAppender(appender);
    }

    @Override
    public Iterator<Appender<ILoggingEvent>> iteratorForAppenders() {
        return targets.iteratorForAppenders();
    }

    @Override
    public Appender<ILoggingEvent> getAppender(String name) {
        return targets.getAppender(name);
    }

    @Override
    public boolean isAttached(Appender<ILoggingEvent> appender) {
        return targets.isAttached(appender);
    }

    @Override
    public void detachAndStopAllAppenders() {
        targets.detachAndStopAllAppenders();
    }

    @Override
    public boolean detachAppender(Appender<ILoggingEvent> appender) {
        return targets.detachAppender(appender);
    }

    @Override
    public boolean detachAppender(String name) {
        return targets.detachAppender(name);
    }
}
