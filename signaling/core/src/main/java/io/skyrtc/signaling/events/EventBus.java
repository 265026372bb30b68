package io.skyrtc.signaling.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.skyrtc.signaling.room.CloseReason;
import io.skyrtc.signaling.room.LeaveReason;
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
        if (!sinks.isEmpty()) {
            emit(new RoomEvent.RoomCreated(ids.next(), clock.instant(), node, room, roomId));
        }
    }

    @Override
    public void roomClosed(String room, String roomId, CloseReason reason) {
        if (!sinks.isEmpty()) {
            emit(new RoomEvent.RoomClosed(ids.next(), clock.instant(), node, room, roomId, reason));
        }
    }

    @Override
    public void peerJoined(String room, String peerId, String identity, String name, JsonNode meta) {
        if (!sinks.isEmpty()) {
            emit(new RoomEvent.PeerJoined(ids.next(), clock.instant(), node, room, peerId, identity, name, meta));
        }
    }

    @Override
    public void peerLeft(String room, String peerId, String identity, LeaveReason reason) {
        if (!sinks.isEmpty()) {
            emit(new RoomEvent.PeerLeft(ids.next(), clock.instant(), node, room, peerId, identity, reason));
        }
    }

    @Override
    public void peerResumed(String room, String peerId, String identity) {
        if (!sinks.isEmpty()) {
            emit(new RoomEvent.PeerResumed(ids.next(), clock.instant(), node, room, peerId, identity));
        }
    }

    @Override
    public void peerData(String room, String peerId, String identity, JsonNode payload) {
        if (!sinks.isEmpty()) {
            emit(new RoomEvent.PeerData(ids.next(), clock.instant(), node, room, peerId, identity, payload));
        }
    }

    private void emit(RoomEvent e) {
        for (EventSink s : sinks) {
            s.offer(e);
        }
    }
}
