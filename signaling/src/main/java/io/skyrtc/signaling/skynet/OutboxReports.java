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
                .description("events dropped by the outbox overflow policy").register(metrics);
        FunctionCounter.builder(prefix + ".events.refused", outbox, Outbox::tooLarge).tag(tagKey, tagValue)
                .description("events refused at the source: larger than " + sizeLimitKey).register(metrics);
    }

    /** Logs an event the outbox did not simply accept: refused as too large, or an overflow. */
    public static void logOffer(Logger log, String link, Outbox.Offer result, RoomEvent event, Outbox outbox,
                                int sizeLimit, String sizeLimitKey, int outboxMax) {
        if (result == Outbox.Offer.REFUSED_TOO_LARGE) {
            log.error("{}: {} event for room {} is over {} bytes and was NOT sent ({})", link, event.type().wire(),
                    event.room(), sizeLimit, sizeLimitKey);
        } else if (result != Outbox.Offer.ACCEPTED) {
            log.warn("{}: outbox full ({} events), {} (dropped so far: {})", link, outboxMax,
                    result == Outbox.Offer.DROPPED_OLDEST ? "dropped the oldest unacknowledged event"
                            : "refused a new event", outbox.dropped());
        }
    }
}
