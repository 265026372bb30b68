package io.skyrtc.signaling.room;

import io.skyrtc.signaling.protocol.ErrorCode;
import io.skyrtc.signaling.protocol.ServerMessage;
import java.util.ArrayDeque;

/**
 * Multi-node fencing on the owner's own side (docs/SCALING.md, "Leases and fencing"): what connections send
 * a room while its node cannot confirm that it still holds the room's lease (it was frozen past its lease:
 * SIGSTOP, a VM pause, a long GC pause) waits here, in order, instead of being relayed to the room's local
 * peers. Once the node confirms the lease, the room handles it all in order; if the node lost the room, each
 * held command is refused when the room dismisses its peers; the same when the node's leases are confirmed
 * but the room's is not among them (a room opened here while its lease was let go). At most {@code rooms.resumeQueueMax} are held
 * (a socket's close always is); past that a message is refused at once. A socket that closes while its join or
 * resume is held takes them back. Runs on the room's actor. On a
 * single node (no routing) nothing is ever held.
 */
final class HeldCommands {
    private final Room room;
    private final ArrayDeque<RoomCommand.FromConnection> held = new ArrayDeque<>();

    HeldCommands(Room room) {
        this.room = room;
    }

    /** True when {@code c} was held (or refused because too many are): the room must not handle it now. */
    boolean hold(RoomCommand c) {
        if (!(c instanceof RoomCommand.FromConnection f) || room.closed()) {
            return false;
        }
        RoomRouting routing = room.registry.routing();
        if (routing == null) {
            return false;
        }
        RoomRouting.OwnerCheck check = held.isEmpty() ? routing.mayActAsOwner(room.name()) : RoomRouting.OwnerCheck.HOLD;
        if (check == RoomRouting.OwnerCheck.ACT) {
            return false;
        }
        if (check == RoomRouting.OwnerCheck.NOT_OWNER) {
            held.add(f);
            room.moved();  // refuses it with the rest: its sender goes through the routing again
            return true;
        }
        if (f instanceof RoomCommand.Disconnected d && dropJoinOf(d.link())) {
            return true;  // its join never happened: nothing to detach, no peer the others would see for a grace
        }
        if (held.size() >= room.registry.settings().resumeQueueMax() && !(f instanceof RoomCommand.Disconnected)) {
            refuse(f, ErrorCode.UNAVAILABLE, "this node cannot confirm it still serves the room; send again");
        } else {
            held.add(f);
        }
        return true;
    }

    /**
     * The connection closed (its join timed out, or the client gave up) while its join or resume waited here:
     * that and everything else it sent is dropped, so a released join does not add a peer on a closed socket.
     */
    private boolean dropJoinOf(PeerLink link) {
        boolean joining = held.stream().anyMatch(c -> (c instanceof RoomCommand.Join j && j.link() == link)
                || (c instanceof RoomCommand.Resume r && r.link() == link));
        if (joining) {
            held.removeIf(c -> linkOf(c) == link);
        }
        return joining;
    }

    private static PeerLink linkOf(RoomCommand.FromConnection c) {
        if (c instanceof RoomCommand.Join j) {
            return j.link();
        } else if (c instanceof RoomCommand.Resume r) {
            return r.link();
        } else if (c instanceof RoomCommand.FromPeer p) {
            return p.link();
        }
        return ((RoomCommand.Disconnected) c).link();
    }

    /** The node confirmed its lease: what was held is handled, in order (unless the lease lapsed again). */
    void release(RoomCommand.Handler dispatch) {
        RoomRouting routing = room.registry.routing();
        while (!held.isEmpty()) {
            RoomRouting.OwnerCheck check = room.closed() || routing == null ? RoomRouting.OwnerCheck.ACT
                    : routing.mayActAsOwner(room.name());
            if (check == RoomRouting.OwnerCheck.HOLD) {
                return;  // asked again: the routing tells the room at its next confirmation
            }
            if (check == RoomRouting.OwnerCheck.NOT_OWNER) {
                room.moved();  // confirmed, but not this node's room: refused, they go through the routing again
                return;
            }
            held.poll().accept(dispatch);
        }
    }

    /** The room dismisses its peers (moved, shutdown, failure): each held command is refused with that reason. */
    void refuseAll(ErrorCode code, String message) {
        for (RoomCommand.FromConnection c = held.poll(); c != null; c = held.poll()) {
            refuse(c, code, message);
        }
    }

    /** The room closed otherwise (empty, closed by the actor core): held commands get a closed room's answer. */
    void replayClosed(RoomCommand.Handler dispatch) {
        for (RoomCommand.FromConnection c = held.poll(); c != null; c = held.poll()) {
            c.accept(dispatch);
        }
    }

    int size() {
        return held.size();
    }

    private void refuse(RoomCommand.FromConnection c, ErrorCode code, String message) {
        if (c instanceof RoomCommand.Join j) {
            room.reject(j.link(), code, message, j.message().id());
        } else if (c instanceof RoomCommand.Resume r) {
            room.reject(r.link(), code, message, r.message().id());
        } else if (c instanceof RoomCommand.FromPeer p) {
            p.link().send(room.registry.encode(new ServerMessage.Error(code, "not relayed: " + message,
                    p.message().id())));
        }
        // a held close: the room dismisses every peer anyway
    }
}
