package io.skyrtc.signaling.skynet;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.skyrtc.signaling.events.RoomEvent;
import org.slf4j.Logger;

/** The meters and log lines every event link (gate or cluster) has for its {@link Outbox}. */
public final class OutboxReports {
    private OutboxReports() {}

    /**
     * {@code PREFIX.outbox.depth}, {@code PREFIX.outbox.oldest.ms}, {@code PREFIX.events.dropped} and
     * {@code PREFIX.events.refused}, tagged {@code tagKey=tagValue}.
     */
    public static void register(MeterRegistry metrics, String prefix, String tagKey, String tagValue, Outbox outbox,
                                String sizeLimitKey) {
        Gauge.builder(prefix + ".outbox.depth", outbox, Outbox::depth).tag(tagKey, tagValue).register(metrics);
        Gauge.builder(prefix + ".outbox.oldest.ms", outbox, Outbox::oldestAgeMs).tag(tagKey, tagValue)
                .description("age of the oldest unacknowledged event").register(metrics);
        FunctionCounter.builder(prefix + ".events.dropped", outbox, Outbox::dropped).tag(tagKey, tagValue)
                .description("events the outbox overflow policy dropped before they were ever sent").register(metrics);
        FunctionCounter.builder(prefix + ".events.evicted", outbox, Outbox::evictedUnacked).tag(tagKey, tagValue)
                .description("events evicted by drop-oldest after being sent, unacknowledged").register(metrics);
        FunctionCounter.builder(prefix + ".events.refused", outbox, Outbox::tooLarge).tag(tagKey, tagValue)
                .description("events refused at the source: larger than " + sizeLimitKey).register(metrics);
    }

    /**
     * Logs an event the outbox did not simply accept: refused as too large (each one: it is a bug or
     * misuse at the source), or an overflow (one summary per 10 s: under overload this runs per event,
     * on room threads).
     */
    public static void logOffer(Logger log, String link, Outbox.Offer result, RoomEvent event, Outbox outbox,
                                int sizeLimit, String sizeLimitKey, int outboxMax) {
        if (result == Outbox.Offer.REFUSED_TOO_LARGE) {
            log.error("{}: {} event for room {} is over {} bytes and was NOT sent ({})", link, event.type().wire(),
                    event.room(), sizeLimit, sizeLimitKey);
        } else if (result != Outbox.Offer.ACCEPTED) {
            long since = outbox.overflowLog.occurred();
            if (since >= 0) {
                log.warn("{}: outbox full ({} events): {} overflow(s) since the last report; in total {} dropped "
                                + "(never sent: a seq gap at the core), {} evicted after sending, unacknowledged", link,
                        outboxMax, since, outbox.dropped(), outbox.evictedUnacked());
            }
        }
    }
}
