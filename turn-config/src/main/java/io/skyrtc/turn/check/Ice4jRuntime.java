package io.skyrtc.turn.check;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Settings that must be in place before ice4j first reads its configuration: no AWS metadata
 * probing (ice4j would otherwise try 169.254.169.254 and may decide it runs on EC2), and its
 * java.util.logging output limited to warnings. The loggers are kept strongly reachable, or
 * java.util.logging may collect them and forget the level.
 */
final class Ice4jRuntime {
    private static final List<Logger> QUIETED = List.of(
            Logger.getLogger("org.ice4j"), Logger.getLogger("org.jitsi"), Logger.getLogger("JitsiConfig"));

    static {
        setIfAbsent("ice4j.harvest.mapping.aws.enabled", "false");
        QUIETED.forEach(l -> l.setLevel(Level.WARNING));
    }

    private Ice4jRuntime() {}

    /** Runs the static set-up once; call before touching any ice4j class. */
    static void init() {
        // the static initializer above does the work
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
