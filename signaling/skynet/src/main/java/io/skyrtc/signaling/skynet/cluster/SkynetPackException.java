package io.skyrtc.signaling.skynet.cluster;

/** A value that skynet.pack cannot carry, or bytes that are not a valid skynet.pack buffer. */
public final class SkynetPackException extends IllegalArgumentException {
    public SkynetPackException(String message) {
        super(message);
    }
}
