package io.skyrtc.signaling.routing.redis;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A round trip through this node's own channel. Redis writes what it delivers to a subscriber in the order
 * it handled the publishes, so once the marker published now comes back, every message published to this
 * node before (an old owner's last frames and acknowledgements, before it let a room go) has been handled
 * by the subscriber thread. Used before acting on an owner change, and by a draining owner before it looks
 * at what its rooms handled.
 */
final class Barrier {
    private final RedisRouting r;
    private final AtomicLong ids = new AtomicLong();
    private final ConcurrentHashMap<String, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();

    Barrier(RedisRouting routing) {
        this.r = routing;
    }

    /** Blocks until the marker came back (at most redis.timeoutMs). */
    void await() throws Exception {
        String id = Long.toString(ids.incrementAndGet(), 36);
        CompletableFuture<Void> back = new CompletableFuture<>();
        waiting.put(id, back);
        try {
            r.link.await(r.link.publishConfirmed(r.keys.channel(r.nodeId),
                    new Envelope('B', r.nodeId, id, 0, new byte[0]).encode()));
            back.get(r.link.timeoutMs(), TimeUnit.MILLISECONDS);
        } finally {
            waiting.remove(id);
        }
    }

    /** On the subscriber thread: a marker came back. */
    void arrived(String id) {
        CompletableFuture<Void> f = waiting.remove(id);
        if (f != null) {
            f.complete(null);
        }
    }
}
