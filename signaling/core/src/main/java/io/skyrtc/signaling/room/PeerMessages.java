package io.skyrtc.signaling.room;

import io.skyrtc.signaling.protocol.ClientMessage;
import io.skyrtc.signaling.protocol.CloseCodes;
import io.skyrtc.signaling.protocol.ErrorCode;
import io.skyrtc.signaling.protocol.ServerMessage;

/**
 * What a joined peer sends its room: offer, answer and candidate relayed to one peer, data to one,
 * all or the actor core, update to all, leave. Runs on the room's actor.
 *
 * <p>Allocation-free dispatch: the room keeps one visitor ({@link From}) and points it at the sender
 * before each message (the actor runs one message at a time), and a relay looks its target up before
 * building the message rather than through a capturing supplier. Implementing {@link ClientMessage.Visitor}
 * keeps the dispatch exhaustive: a new message type does not compile until it is handled here.
 */
final class PeerMessages {
    private final Room room;
    private final From from = new From();

    PeerMessages(Room room) {
        this.room = room;
    }

    void handle(PeerLink link, ClientMessage m) {
        Peer peer = room.members.on(link);
        if (peer == null) {
            room.error(link, ErrorCode.NOT_JOINED, "send join first (or the join was refused)", m.id());
            return;
        }
        Peer outerPeer = from.peer;
        PeerLink outerLink = from.link;
        from.peer = peer;
        from.link = link;
        try {
            m.accept(from);
        } finally {  // a message handled while another is (a leave's side effects) leaves the outer one intact
            from.peer = outerPeer;
            from.link = outerLink;
        }
    }

    /** One message from {@link #peer}; join and ping never reach a room (the connection answers them). */
    private final class From implements ClientMessage.Visitor<Void> {
        private Peer peer;
        private PeerLink link;

        @Override
        public Void offer(ClientMessage.Offer o) {
            Peer target = target(peer, o.to(), o.id());
            if (target != null) {
                deliver(target, new ServerMessage.Offer(peer.peerId, o.sdp()));
            }
            return null;
        }

        @Override
        public Void answer(ClientMessage.Answer a) {
            Peer target = target(peer, a.to(), a.id());
            if (target != null) {
                deliver(target, new ServerMessage.Answer(peer.peerId, a.sdp()));
            }
            return null;
        }

        @Override
        public Void candidate(ClientMessage.Candidate c) {
            Peer target = target(peer, c.to(), c.id());
            if (target != null) {
                deliver(target, new ServerMessage.Candidate(peer.peerId, c.candidate()));
            }
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
                Peer target = target(peer, d.to(), d.id());
                if (target != null) {
                    deliver(target, new ServerMessage.Data(peer.peerId, d.payload()));
                }
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
            Peer leaving = peer;
            PeerLink closing = link;
            room.members.detach(closing);
            room.removePeer(leaving, LeaveReason.LEAVE);
            closing.close(CloseCodes.NORMAL, "left");
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

    /** The peer a relay is addressed to; null after telling the sender there is no such other peer. */
    private Peer target(Peer from, String to, String ref) {
        Peer target = room.members.get(to);
        if (target == null || target == from) {
            room.error(from.link, ErrorCode.UNKNOWN_PEER, "no peer " + to + " in room " + room.name(), ref);
            return null;
        }
        return target;
    }

    private void deliver(Peer target, ServerMessage message) {
        room.members.deliver(target, room.registry.encode(message));
    }
}
