package io.skyrtc.signaling.skynet;

import java.util.Locale;

/**
 * One skynet gate link ({@code actorCore.gates[]}, docs/CONFIG.md), defaults already applied.
 *
 * @param name            for logs and /healthz; null = host:port
 * @param path            websocket: the request path
 * @param tls             websocket: wss:// instead of ws://
 * @param maxPayloadBytes largest envelope (or packet) written; bigger events are refused at the source
 * @param outboxMax       unacknowledged events kept for re-sending
 * @param reconnectMinMs  first reconnect delay, doubling with jitter up to reconnectMaxMs
 * @param batchMaxEvents  events per packet at most (skynet encoding)
 * @param drainTimeoutMs  on a graceful stop, how long to wait for every event to be acknowledged
 */
public record GateSettings(String name, Transport transport, String host, int port, String path, boolean tls,
                           int maxPayloadBytes, int outboxMax, Overflow overflow, long reconnectMinMs,
                           long reconnectMaxMs, Encoding encoding, int batchMaxEvents, long drainTimeoutMs) {

    /** How envelopes travel: skynet's standard TCP gate (2-byte length packets) or a WebSocket gate. */
    public enum Transport {
        TCP(65_535), WEBSOCKET(262_144);

        /** The transport's hard limit on one packet/frame (the gate's 16-bit length; skynet's websocket library). */
        public final int maxPayload;

        Transport(int maxPayload) {
            this.maxPayload = maxPayload;
        }

        /** {@code tcp} or {@code websocket}; null for anything else. */
        public static Transport parse(String value) {
            for (Transport t : values()) {
                if (t.toString().equals(value)) {
                    return t;
                }
            }
            return null;
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** {@code json}: one JSON envelope per packet; {@code skynet}: skynet.pack'ed, events batched. */
    public enum Encoding {
        JSON, SKYNET;

        /** {@code json} or {@code skynet}; null for anything else. */
        public static Encoding parse(String value) {
            for (Encoding e : values()) {
                if (e.toString().equals(value)) {
                    return e;
                }
            }
            return null;
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public boolean websocket() {
        return transport == Transport.WEBSOCKET;
    }

    /** {@code encoding: skynet}: skynet.pack'ed frames, events batched (docs/ACTOR-CORE.md). */
    public boolean skynetEncoding() {
        return encoding == Encoding.SKYNET;
    }
}
