package io.skyrtc.signaling.config;

/** Invalid configuration; the message names the key (e.g. {@code rooms.maxPeersPerRoom}). */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
