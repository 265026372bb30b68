package io.skyrtc.signaling.bench;

/** How the load generator's clients talk to the server (see README, "Benchmark"). */
enum ClientMode {
    /**
     * As browsers and ordinary WebSocket libraries do: one message per write() (TCP_NODELAY, so in
     * general one TCP segment each), every frame under its own fresh mask key, and a browser's full
     * upgrade request (Origin, User-Agent, cookies, the permessage-deflate offer).
     */
    REALISTIC,
    /**
     * The generator-friendly upper bound: many frames per write, pre-masked frames, a minimal upgrade.
     * The server then reads many messages per wake-up, which real clients never give it.
     */
    BATCHED
}
