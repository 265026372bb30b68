package io.skyrtc.signaling.room;

import io.skyrtc.signaling.logs.EventLog;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * What happened in one room: the last {@code rooms.eventLogSize} entries, for {@code admin events ROOM},
 * each also written as a logfmt line ({@link EventLog}). Owned by the room actor, like all room state.
 */
public final class RoomJournal {
    /** One entry: when (Unix ms), what, which peer (or null), and a detail (reason, code, count). */
    public record Entry(long atMs, String event, String peer, String detail) {}

    private final String room;
    private final int max;
    private final ArrayDeque<Entry> ring;

    RoomJournal(String room, int max) {
        this.room = room;
        this.max = max;
        this.ring = new ArrayDeque<>(Math.min(max, 64));
    }

    /** Records and logs; {@code detailKey} names the detail in the log line (reason, code, ...). */
    void add(String event, String peer, String detailKey, String detail, String ip) {
        EventLog.info(event, "room", room, "peer", peer, "ip", ip, detailKey, detail);
        if (max == 0) {
            return;
        }
        if (ring.size() == max) {
            ring.pollFirst();
        }
        ring.addLast(new Entry(System.currentTimeMillis(), event, peer, detail));
    }

    List<Entry> entries() {
        return new ArrayList<>(ring);
    }
}
