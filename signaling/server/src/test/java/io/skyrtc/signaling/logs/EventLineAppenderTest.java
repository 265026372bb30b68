package io.skyrtc.signaling.logs;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The event log's own writer: order kept, a full queue drops (and counts) instead of blocking, stop flushes. */
class EventLineAppenderTest {
    final LoggerContext context = new LoggerContext();
    final Logger logger = context.getLogger("test.events");

    {
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter()); // as slf4j's binding sets it
    }

    EventLineAppender appender(int queueSize, ch.qos.logback.core.Appender<ILoggingEvent> target) {
        target.setContext(context);
        target.start();
        EventLineAppender a = new EventLineAppender();
        a.setContext(context);
        a.setQueueSize(queueSize);
        a.addAppender(target);
        a.start();
        return a;
    }

    ILoggingEvent line(String message) {
        return new LoggingEvent(Logger.class.getName(), logger, Level.INFO, message, null, null);
    }

    List<String> messages(ListAppender<ILoggingEvent> target) {
        synchronized (target.list) {
            return target.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    @Test
    void linesFromOneThreadAreWrittenInTheirOrderAndAllOfThemByStop() {
        ListAppender<ILoggingEvent> target = new ListAppender<>();
        EventLineAppender a = appender(10_000, target);
        IntStream.range(0, 5_000).forEach(i -> a.doAppend(line("event=join n=" + i)));
        a.stop(); // returns once the queued lines are written
        assertThat(messages(target)).containsExactlyElementsOf(
                IntStream.range(0, 5_000).mapToObj(i -> "event=join n=" + i).toList());
        assertThat(target.isStarted()).isFalse();
    }

    @Test
    void aLineThatFindsTheQueueFullIsDroppedAndCountedWithoutWaiting() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ListAppender<ILoggingEvent> written = new ListAppender<>();
        // stands for a stderr that does not drain: the writer is stuck in its first line
        AppenderBase<ILoggingEvent> stuck = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent e) {
                writing.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
                written.list.add(e);
            }
        };
        EventLineAppender a = appender(3, stuck);
        long before = EventLineAppender.dropped();
        a.doAppend(line("l0"));
        assertThat(writing.await(30, TimeUnit.SECONDS)).isTrue();
        long start = System.nanoTime();
        for (int i = 1; i <= 5; i++) {
            a.doAppend(line("l" + i)); // l1..l3 fill the queue of 3; l4 and l5 find it full
        }
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5_000);
        assertThat(EventLineAppender.dropped() - before).isEqualTo(2);
        release.countDown();
        a.stop();
        assertThat(written.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly("l0", "l1", "l2", "l3");
    }

    @Test
    void whileMutedLinesAreNeitherWrittenNorCounted() {
        ListAppender<ILoggingEvent> target = new ListAppender<>();
        EventLineAppender a = appender(1, target);
        long before = EventLineAppender.dropped();
        EventLineAppender.mute(true);
        try {
            IntStream.range(0, 10).forEach(i -> a.doAppend(line("warm-up " + i))); // ten into a queue of one
        } finally {
            EventLineAppender.mute(false);
        }
        a.doAppend(line("real"));
        a.stop();
        assertThat(messages(target)).containsExactly("real");
        assertThat(EventLineAppender.dropped() - before).isZero();
    }

    @Test
    void aQueueOfLessThanOneLineIsRefused() {
        EventLineAppender a = appender(0, new ListAppender<>());
        assertThat(a.isStarted()).isFalse();
        assertThat(context.getStatusManager().getCopyOfStatusList())
                .anyMatch(s -> s.getMessage().contains("queueSize must be at least 1"));
    }

    @Test
    void aResizeWritesTheQueuedLinesFirstAndThenHoldsTheNewNumber() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ListAppender<ILoggingEvent> written = new ListAppender<>();
        AppenderBase<ILoggingEvent> slow = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent e) {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
                written.list.add(e);
            }
        };
        EventLineAppender a = appender(100, slow);
        for (int i = 0; i < 10; i++) {
            a.doAppend(line("before" + i));
        }
        Thread releaser = new Thread(() -> {
            try {
                Thread.sleep(300); // the writer is still stuck when the resize starts
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            release.countDown();
        });
        releaser.start();
        a.resize(1); // returns once the ten queued lines are written
        assertThat(written.list).extracting(ILoggingEvent::getFormattedMessage)
                .containsExactlyElementsOf(IntStream.range(0, 10).mapToObj(i -> "before" + i).toList());
        CountDownLatch writing2 = new CountDownLatch(1);
        CountDownLatch release2 = new CountDownLatch(1);
        AppenderBase<ILoggingEvent> stuck = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent e) {
                writing2.countDown();
                try {
                    release2.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        stuck.setContext(context);
        stuck.start();
        a.detachAndStopAllAppenders();
        a.addAppender(stuck);
        long before = EventLineAppender.dropped();
        a.doAppend(line("taken"));
        assertThat(writing2.await(30, TimeUnit.SECONDS)).isTrue();
        a.doAppend(line("queued"));
        a.doAppend(line("dropped"));
        assertThat(EventLineAppender.dropped() - before).as("a queue of one line now").isEqualTo(1);
        release2.countDown();
        a.stop();
    }

    @Test
    void theQueueSizeIsAConfigKeyCheckedAtItsEdges() {
        java.util.function.IntFunction<io.skyrtc.signaling.config.SkyrtcConfig> withQueue = n ->
                io.skyrtc.signaling.config.ConfigLoader.load(null, java.util.Map.of("SKYRTC_SERVER_DEV", "true",
                        "SKYRTC_LOGGING_EVENT_QUEUE", Integer.toString(n)));
        assertThat(withQueue.apply(1).logging().eventQueue()).isEqualTo(1);
        assertThat(withQueue.apply(1_000_000).logging().eventQueue()).isEqualTo(1_000_000);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> withQueue.apply(0))
                .hasMessageContaining("logging.eventQueue must be between 1 and 1000000");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> withQueue.apply(1_000_001))
                .hasMessageContaining("logging.eventQueue");
        assertThat(io.skyrtc.signaling.config.ConfigLoader.load(null, java.util.Map.of("SKYRTC_SERVER_DEV", "true"))
                .logging().eventQueue()).isEqualTo(8192);
    }

    @Test
    void theShippedLogConfigWritesEventLinesThroughIt() {
        Logger events = (Logger) LoggerFactory.getLogger(EventLog.LOGGER);
        assertThat(events.getAppender("EVENTS")).isInstanceOf(EventLineAppender.class)
                .matches(ch.qos.logback.core.Appender::isStarted);
        assertThat(events.isAdditive()).as("event lines are not written twice").isFalse();
    }
}
