package io.skyrtc.signaling.events;

/** Somewhere room events go (a gate link). Called on room threads: must not block. */
public interface EventSink {
    void offer(RoomEvent event);
}
