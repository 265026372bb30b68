package io.skyrtc.signaling.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.skyrtc.signaling.room.RoomObserver;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Turns what rooms do into {@link RoomEvent}s and hands each to every sink. It runs on the room's
 * thread, so per room the events reach each sink in the order the room processed them.
 */
public final class EventBus implements RoomObserver {
    private final String node;
    private final Snowflake ids;
    private final Clock clock;
    private final List<EventSink> sinks = new CopyOnWriteArrayList<>();

    public EventBus(String node, int nodeId, Clock clock) {
        this.node = node;
        this.ids = new Snowflake(nodeId, clock);
        this.clock = clock;
    }

    public void add(EventSink sink) {
        sinks.add(sink);
    }

    /** A sink dropped (a gate link removed by a config reload): it gets no event from the next one on. */
    public void remove(EventSink sink) {
        sinks.remove(sink);
    }

    @Override
    public void roomCreated(String room, String roomId) {
        emit(RoomEvent.Type.ROOM_CREATED, room, roomId, null, null, null, null, null, null);
    }

    @Override
    public void roomClosed(String room, String roomId, String reason) {
        emit(RoomEvent.Type.ROOM_CLOSED, room, roomId, null, null, null, null, reason, null);
    }

    @Override
    public void peerJoined(String room, String peerId, String identity, String name, JsonNode meta) {
        emit(RoomEvent.Type.PEER_JOINED, room, null, peerId, identity, name, meta, null, null);
    }

    @Override
    public void peerLeft(String room, String peerId, String identity, String reason) {
        emit(RoomEvent.Type.PEER_LEFT, room, null, peerId, identity, null, null, reason, null);
    }

    @Override
    public void peerResumed(String room, String peerId, String identity) {
        emit(RoomEvent.Type.PEER_RESUMED, room, null, peerId, identity, null, null, null, null);
    }

    @Override
    public void peerData(String room, String peerId, String identity, JsonNode payload) {
        emit(RoomEvent.Type.PEER_DATA, room, null, peerId, identity, null, null, null, payload);
    }

    private void emit(RoomEvent.Type type, String room, String roomId, String peer, String identity, String name,
                      JsonNode meta, String reason, JsonNode payload) {
        if (sinks.isEmpty()) {
            return;
        }
        RoomEvent e = new RoomEvent(type, ids.next(), clock.instant(), node, room, roomId, peer, identity, name,
                meta, reason, payload);
        for (EventSink s : sinks) {
            s.offer(e);
        }
    }
}
