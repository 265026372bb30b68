package io.skyrtc.turn.coturn;

/** A coturn profile that cannot be rendered; the message names the environment and key. */
public final class CoturnConfigException extends RuntimeException {
    public CoturnConfigException(String message) {
        super(message);
    }
}
