package io.skyrtc.signaling.ops;

/** The port to listen on is taken: start-up stops with one line saying so and how to pick another. */
public final class PortInUseException extends RuntimeException {
    public PortInUseException(String host, int port, String key) {
        super("port " + port + " on " + host + " is already in use (another skyrtc, or another server?); pick another"
                + " with --port N, " + key + " in the config file or SKYRTC_" + key.toUpperCase(java.util.Locale.ROOT)
                .replace('.', '_') + ", or stop what holds it (ss -ltnp 'sport = :" + port + "')", null, false, false);
    }

    /** True when {@code e} (or a cause) is the OS refusing the bind. */
    public static boolean isBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.BindException) {
                return true;
            }
        }
        return false;
    }
}
