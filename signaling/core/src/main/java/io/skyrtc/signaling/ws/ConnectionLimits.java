package io.skyrtc.signaling.ws;

/**
 * Per-connection limits of the signaling endpoint ({@code limits.*}, docs/CONFIG.md; what happens at each
 * edge: docs/PROTOCOL.md).
 *
 * @param maxFrameBytes         largest message from a client (1009 beyond)
 * @param ratePerSecond         token-bucket refill; every frame costs a token
 * @param rateBurst             token-bucket size (1008 when empty)
 * @param outboundQueueMax      frames queued to one client before it is closed as a slow consumer (1013)
 * @param outboundQueueMaxBytes the same queue in bytes; whichever bound is passed first closes
 * @param idleTimeoutMs         a socket without a protocol message this long is closed (1001)
 * @param joinTimeoutMs         a socket without a welcome this long after the upgrade is closed (1008)
 * @param maxConnections        WebSocket connections per node (HTTP 503 beyond)
 * @param maxConnectionsPerIp   WebSocket connections per client address (HTTP 429 beyond)
 */
public record ConnectionLimits(int maxFrameBytes, int ratePerSecond, int rateBurst, int outboundQueueMax,
                               int outboundQueueMaxBytes, long idleTimeoutMs, long joinTimeoutMs, int maxConnections,
                               int maxConnectionsPerIp) {}
