package io.skyrtc.signaling.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGHUP re-reads the configuration, as nginx, coturn and most daemons do. The JDK has no public signal
 * API; {@code sun.misc.Signal} (module jdk.unsupported, in every JDK 17) is the one way to catch it. Where
 * it is missing (or the JVM was started with -Xrs), SIGHUP keeps its default and {@code admin reload}
 * remains.
 */
final class HangUpSignal {
    private static final Logger LOG = LoggerFactory.getLogger(HangUpSignal.class);

    private HangUpSignal() {}

    static void onHangUp(Runnable action) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("HUP"), s -> {
                // the handler runs on the JVM's signal thread: hand the reload to a thread of its own
                Thread t = new Thread(action, "sighup-reload");
                t.setDaemon(true);
                t.start();
            });
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
            LOG.warn("SIGHUP cannot be caught here ({}); use `skyrtc admin reload`", e.toString());
        }
    }
}
