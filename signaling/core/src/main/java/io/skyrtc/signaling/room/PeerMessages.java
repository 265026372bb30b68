package io.skyrtc.signaling.room;

import io.skyrtc.signaling.protocol.ClientMessage;
import io.skyrtc.signaling.protocol.CloseCodes;
import io.skyrtc.signaling.protocol.ErrorCode;
import io.skyrtc.signaling.protocol.ServerMessage;
import java.util.function.Supplier;

/**
 * What a joined peer sends its room: offer, answer and candidate relayed to one peer, data to one,
 * all or the actor core, update to all, leave. Runs on the room's actor.
 */
final class PeerMessages {
    private final Room room;

    PeerMessages(Room room) {
        this.room = room;
    }

    void handle(PeerLink link, ClientMessage m) {
        Peer from = room.members.on(link);
        if (from == null) {
            room.error(link, ErrorCode.NOT_JOINED, "send join first (or the join was refused)", m.id());
            return;
        }
        m.accept(new From(from, link));
    }

    /** One message from {@code peer}; join and ping never reach a room (the connection answers them). */
    private final class From implements ClientMessage.Visitor<Void> {
        private final Peer peer;
        private final PeerLink link;

        From(Peer peer, PeerLink link) {
            this.peer = peer;
            this.link = link;
        }

        @Override
        public Void offer(ClientMessage.Offer o) {
            relay(peer, o.to(), o.id(), () -> new ServerMessage.Offer(peer.peerId, o.sdp()));
            return null;
        }

        @Override
        public Void answer(ClientMessage.Answer a) {
            relay(peer, a.to(), a.id(), () -> new ServerMessage.Answer(peer.peerId, a.sdp()));
            return null;
        }

        @Override
        public Void candidate(ClientMessage.Candidate c) {
            relay(peer, c.to(), c.id(), () -> new ServerMessage.Candidate(peer.peerId, c.candidate()));
            return null;
        }

        @Override
        public Void data(ClientMessage.Data d) {
            if (!peer.grants.canData()) {
                room.error(link, ErrorCode.FORBIDDEN, "the room token does not grant canData", d.id());
            } else if (Room.SERVER.equals(d.to())) {
                room.registry.observer().peerData(room.name(), peer.peerId, peer.identity, d.payload().tree());
            } else if (d.to() == null) {
                room.members.broadcast(peer, room.registry.encode(new ServerMessage.Data(peer.peerId, d.payload())));
            } else {
                relay(peer, d.to(), d.id(), () -> new ServerMessage.Data(peer.peerId, d.payload()));
            }
            return null;
        }

        @Override
        public Void update(ClientMessage.Update u) {
            room.members.broadcast(peer, room.registry.encode(new ServerMessage.PeerUpdated(peer.update(u.meta()))));
            return null;
        }

        @Override
        public Void leave(ClientMessage.Leave l) {
            room.members.detach(link);
            room.removePeer(peer, LeaveReason.LEAVE);
            link.close(CloseCodes.NORMAL, "left");
            return null;
        }

        @Override
        public Void join(ClientMessage.Join j) {
            return null;
        }

        @Override
        public Void ping(ClientMessage.Ping p) {
            return null;
        }
    }

    private void relay(Peer from, String to, String ref, Supplier<ServerMessage> message) {
        Peer target = room.members.get(to);
        if (target == null || target == from) {
            room.error(from.link, ErrorCode.UNKNOWN_PEER, "no peer " + to + " in room " + room.name(), ref);
            return;
        }
        room.members.deliver(target, room.registry.encode(message.get()));
    }
}
