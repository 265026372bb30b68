package io.skyrtc.signaling.skynet.cluster;

import java.io.IOException;

/** Bytes that are not a valid cluster packet; the connection that sent them cannot be trusted further. */
public final class ClusterProtocolException extends IOException {
    public ClusterProtocolException(String message) {
        super(message);
    }
}
