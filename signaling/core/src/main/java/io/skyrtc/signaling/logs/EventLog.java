package io.skyrtc.signaling.logs;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One INFO line per join, leave, refusal, kick, link state change and admin call, in logfmt
 * ({@code event=join room=… peer=… ip=…}), on logger {@value #LOGGER}: an operator greps or ships them
 * without parsing prose. Never a secret (tokens, keys), never SDP or payloads.
 */
public final class EventLog {
    public static final String LOGGER = "skyrtc.events";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    private EventLog() {}

    /** {@code pairs} alternate key, value (nulls left out), after {@code event=NAME}. */
    public static void info(String event, Object... pairs) {
        if (LOG.isInfoEnabled()) {
            Object[] all = new Object[pairs.length + 2];
            all[0] = "event";
            all[1] = event;
            System.arraycopy(pairs, 0, all, 2, pairs.length);
            LOG.info(Logfmt.of(all));
        }
    }
}
