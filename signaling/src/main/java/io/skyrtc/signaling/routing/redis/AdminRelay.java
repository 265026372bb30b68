package io.skyrtc.signaling.routing.redis;

import io.skyrtc.signaling.room.RoomRegistry;

/** Cluster-wide admin views: placeholder until the request/reply relay lands. */
public final class AdminRelay implements AutoCloseable {
    private final RedisRouting routing;
    private final RoomRegistry registry;

    AdminRelay(RedisRouting routing, RoomRegistry registry) {
        this.routing = routing;
        this.registry = registry;
    }

    void onMessage(Envelope e) {
    }

    @Override
    public void close() {
    }
}
