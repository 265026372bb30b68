package io.skyrtc.signaling.room;

import com.fasterxml.jackson.databind.JsonNode;
import io.skyrtc.signaling.protocol.CloseCodes;
import io.skyrtc.signaling.protocol.ErrorCode;
import io.skyrtc.signaling.protocol.ServerMessage;
import java.util.ArrayList;
import java.util.List;

/** What the actor core and operators do to a room (kick, close, data from "server") and the drain notice. */
final class RoomControl {
    private final Room room;

    RoomControl(Room room) {
        this.room = room;
    }

    /** False when no such peer is here. */
    boolean kick(String peerId, String reason) {
        Peer p = room.members.get(peerId);
        if (p == null) {
            return false;
        }
        room.journal.add("kick", p.peerId, "reason", reason, null);
        if (p.link != null) {
            p.link.send(room.registry.encode(new ServerMessage.Error(ErrorCode.KICKED, reason, null)));
            room.members.detach(p.link);
            p.link.close(CloseCodes.NORMAL, "kicked");
        }
        room.removePeer(p, LeaveReason.KICKED);
        return true;
    }

    /** Every peer kicked with {@code reason}, then the room closed; returns how many were removed. */
    int close(String reason) {
        List<Peer> all = new ArrayList<>(room.members.all());
        for (Peer p : all) {
            kick(p.peerId, reason);
        }
        if (!room.closed()) {
            room.close(CloseReason.CLOSED);
        }
        return all.size();
    }

    /** Data from "server" to one peer ({@code to}) or all (null); returns how many got it. */
    int serverData(String to, JsonNode payload) {
        byte[] text = room.registry.encode(new ServerMessage.Data(Room.SERVER, payload));
        if (to == null) {
            room.members.broadcast(null, text);
            return room.members.size();
        }
        Peer p = room.members.get(to);
        if (p == null) {
            return 0;
        }
        room.members.deliver(p, text);
        return 1;
    }

    void drain(long deadlineMs) {
        room.journal.add("draining", null, "peers", Integer.toString(room.members.size()), null);
        // not a room frame (clients do not count it for resume): attached peers get it now, a detached
        // one when it resumes
        byte[] notice = room.drainingNotice(deadlineMs);
        room.members.all().stream().filter(p -> p.link != null).forEach(p -> p.link.draining(notice));
    }
}
