package io.skyrtc.signaling.room;

import io.skyrtc.signaling.protocol.ClientMessage;
import io.skyrtc.signaling.protocol.CloseCodes;
import io.skyrtc.signaling.protocol.ErrorCode;
import io.skyrtc.signaling.protocol.PeerInfo;
import io.skyrtc.signaling.protocol.ServerMessage;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One room, one actor. All state below is touched only from {@link #handle}, which the
 * {@link Mailbox} runs for one command at a time; nothing here is shared with another room.
 */
public final class Room {
    private static final Logger LOG = LoggerFactory.getLogger(Room.class);
    /** The {@code to}/{@code from} of data exchanged with the actor core; never a peer id. */
    public static final String SERVER = "server";
    private final String name;
    private final String roomId = Ids.roomId();
    private final RoomRegistry registry;
    private final Mailbox<RoomCommand> mailbox;
    private final IceServersRefresh iceRefresh;
    private final RoomJournal journal;

    private final Map<String, Peer> peers = new LinkedHashMap<>();
    private final Map<PeerLink, Peer> byLink = new IdentityHashMap<>();
    private boolean closed;
    private boolean announced;
    private long emptyGeneration;
    /** Multi-node: non-null for a stand-in of a room whose actor runs on another node (it handles nothing). */
    private final RemoteRoom remote;

    Room(String name, RoomRegistry registry) {
        this(name, registry, null);
    }

    Room(String name, RoomRegistry registry, RemoteRoom remote) {
        this.name = name;
        this.registry = registry;
        this.remote = remote;
        this.mailbox = new Mailbox<>(registry.executor(), this::handle, 64, this::failed);
        this.iceRefresh = new IceServersRefresh(this, registry);
        this.journal = new RoomJournal(name, registry.settings().eventLogSize());
    }

    RemoteRoom remote() {
        return remote;
    }

    public String name() {
        return name;
    }

    /** Called from the connection's thread; ordering per sender is preserved. */
    void tell(RoomCommand command) {
        mailbox.tell(command);
    }

    /** Called from timer threads: never runs the room on the caller's thread. */
    void post(RoomCommand command) {
        mailbox.post(command);
    }

    private void handle(RoomCommand c) {
        if (!announced) {
            announced = true;
            registry.observer().roomCreated(name, roomId);
            journal.add("room-created", null, "roomId", roomId, null);
        }
        if (c instanceof RoomCommand.FromPeer m) {
            fromPeer(m.link(), m.message());
        } else if (c instanceof RoomCommand.Join j) {
            join(j);
        } else if (c instanceof RoomCommand.Resume r) {
            resume(r);
        } else if (c instanceof RoomCommand.Disconnected d) {
            disconnected(d.link());
        } else if (c instanceof RoomCommand.GraceExpired g) {
            Peer p = peers.get(g.peerId());
            if (p != null && p.link == null && p.graceGeneration == g.generation()) {
                removePeer(p, "timeout");
            }
        } else if (c instanceof RoomCommand.RefreshIceServers r) {
            iceRefresh.due(peers.get(r.peerId()), r.generation());
        } else if (c instanceof RoomCommand.EmptyExpired e) {
            if (!closed && peers.isEmpty() && e.generation() == emptyGeneration) {
                close("empty");
            }
        } else if (c instanceof RoomCommand.Snapshot s) {
            s.reply().complete(snapshot());
        } else if (c instanceof RoomCommand.Kick k) {
            k.reply().complete(kick(k.peerId(), k.reason()));
        } else if (c instanceof RoomCommand.Close cl) {
            cl.reply().complete(closeByCore(cl.reason()));
        } else if (c instanceof RoomCommand.ServerData d) {
            d.reply().complete(serverData(d.to(), d.payload()));
        } else if (c instanceof RoomCommand.Stat st) {
            int attached = byLink.size();
            st.reply().complete(new RoomStat(name, peers.size(), attached, mailbox.handledCount(), mailbox.length(),
                    mailbox.busyNanos() / 1_000_000));
        } else if (c instanceof RoomCommand.Events ev) {
            ev.reply().complete(journal.entries());
        } else if (c instanceof RoomCommand.Drain d) {
            journal.add("draining", null, "peers", Integer.toString(peers.size()), null);
            // not a room frame (clients do not count it for resume): attached peers get it now, a detached
            // one when it resumes
            byte[] notice = drainingNotice(d.deadlineMs());
            peers.values().stream().filter(p -> p.link != null).forEach(p -> p.link.send(notice));
        } else if (c instanceof RoomCommand.Shutdown s) {
            shutdown();
            s.done().complete(null);
        } else if (c instanceof RoomCommand.Restore rs) {
            restore(rs.members());
        } else if (c instanceof RoomCommand.Moved) {
            dismissAll(ErrorCode.UNAVAILABLE, "this room moved to another node; resume", CloseCodes.SERVICE_RESTART,
                    "room-moved", "moved");
        } else if (c instanceof RoomCommand.Republish) {
            peers.values().forEach(p -> registry.rememberResumeToken(p, this));
        }
    }

    private void join(RoomCommand.Join j) {
        PeerLink link = j.link();
        if (closed || registry.shuttingDown()) {
            registry.dispatch(j);  // a fresh room, or the refusal once the server is stopping
            return;
        }
        if (registry.drainDeadlineMs() != 0) {
            journal.add("refused", null, "code", ErrorCode.SERVER_DRAINING.wire(), link.clientAddress());
            registry.refuseDraining(link, j.message());
            scheduleEmptyCheckIfEmpty();
            return;
        }
        RoomSettings settings = registry.settings();
        if (peers.size() >= settings.maxPeersPerRoom()) {
            reject(link, ErrorCode.ROOM_FULL, "room " + name + " has " + settings.maxPeersPerRoom()
                    + " peers already", j.message().id());
            return;
        }
        Peer peer = new Peer(Ids.peerId(), j.message().name(), j.message().meta(), j.tokenMeta(), j.identity(),
                j.grants(), j.tokenExpiresAt(), registry.settings());
        List<PeerInfo> others = currentPeers();
        peers.put(peer.peerId, peer);
        emptyGeneration++;
        attach(peer, link);
        registry.metrics().joins.increment();
        sendWelcome(peer, others, false);
        broadcast(peer, registry.encode(new ServerMessage.PeerJoined(peer.info)));
        registry.observer().peerJoined(name, peer.peerId, peer.identity, peer.name, peer.meta);
        journal.add("join", peer.peerId, "peers", Integer.toString(peers.size()), link.clientAddress());
    }

    private void resume(RoomCommand.Resume r) {
        PeerLink link = r.link();
        String token = r.message().resume();
        Peer peer = null;
        for (Peer p : peers.values()) {
            if (token.equals(p.resumeToken)) {
                peer = p;
                break;
            }
        }
        if (closed || peer == null || !name.equals(r.message().room())) {
            reject(link, ErrorCode.RESUME_INVALID, "resume token unknown, used or expired", r.message().id());
            return;
        }
        if (peer.tokenExpiresAt != null && !java.time.Instant.now().isBefore(peer.tokenExpiresAt)) {
            // a resume must not outlive the room token: past its exp the client needs a new token
            reject(link, ErrorCode.RESUME_INVALID, "the room token this peer joined with expired at "
                    + peer.tokenExpiresAt + "; join again with a new token", r.message().id());
            if (peer.link == null) {
                // a detached peer that can never resume: the others need not wait out its grace period
                // (nor see it in the welcome of its own fresh join)
                removePeer(peer, "timeout");
            }
            return;
        }
        PeerLink old = peer.link;
        if (old == null) {
            registry.metrics().detachedPeers.decrementAndGet();
        }
        if (old != null) {
            // whoever holds the resume token can take a live socket over: legitimate after a network
            // switch, but worth seeing when it happens a lot
            registry.metrics().resumeTakeovers.increment();
            LOG.info("peer {} in room {} (identity {}) resumed on a new connection while its socket was open;"
                    + " the old socket is closed (4003)", peer.peerId, name, peer.identity);
            byLink.remove(old);
            old.close(CloseCodes.REPLACED, "resumed on another connection");
        }
        registry.forgetResumeToken(peer.resumeToken);
        peer.graceGeneration++;
        List<byte[]> resend = framesToResend(peer, r.message().received());
        attach(peer, link);
        registry.metrics().resumes.increment();
        List<PeerInfo> others = new ArrayList<>(peers.size());
        for (Peer p : peers.values()) {
            if (p != peer) {
                others.add(p.info);
            }
        }
        sendWelcome(peer, others, true);
        for (byte[] frame : resend) {
            deliver(peer, frame);
        }
        if (registry.drainDeadlineMs() != 0) {
            link.send(drainingNotice(registry.drainDeadlineMs()));
        }
        registry.observer().peerResumed(name, peer.peerId, peer.identity);
        journal.add("resume", peer.peerId, "replayed", Integer.toString(resend.size()), link.clientAddress());
    }

    /**
     * What the resumed client has not seen: the frames the old socket swallowed (sent after what
     * the client counted as received), then those queued while detached; in order, each once.
     */
    private List<byte[]> framesToResend(Peer peer, Long receivedByClient) {
        long sent = peer.sentSinceWelcome;
        long received = receivedByClient == null ? sent : Math.min(receivedByClient, sent);
        long lost = sent - received;
        if (lost > peer.recent.size()) {
            // written, swallowed by the dead socket, and already out of the replay ring
            registry.metrics().resumeReplayMissed.increment(lost - peer.recent.size());
        }
        List<byte[]> resend = peer.recent.newest((int) Math.min(lost, peer.recent.size()));
        resend.addAll(peer.pending.drain());
        return resend;
    }

    private void attach(Peer peer, PeerLink link) {
        peer.link = link;
        peer.sentSinceWelcome = 0;
        peer.recent.clear();
        peer.resumeToken = Ids.resumeToken();
        registry.rememberResumeToken(peer, this);
        byLink.put(link, peer);
        link.attached(this, peer.peerId);
    }

    private void sendWelcome(Peer peer, List<PeerInfo> others, boolean resumed) {
        RoomSettings s = registry.settings();
        peer.link.send(registry.encode(new ServerMessage.Welcome(
                peer.peerId, name, others, registry.iceServers().forPeer(name, peer.peerId, peer.identity),
                peer.resumeToken, s.pingIntervalMs(), resumed, peer.grants, s.limits())));
        iceRefresh.welcomed(peer);   // TURN credentials are replaced before they expire
    }

    private void reject(PeerLink link, ErrorCode code, String message, String ref) {
        journal.add("refused", null, "code", code.wire(), link.clientAddress());
        link.send(registry.encode(new ServerMessage.Error(code, message, ref)));
        link.joinRejected(this);
        scheduleEmptyCheckIfEmpty();
    }

    private void fromPeer(PeerLink link, ClientMessage m) {
        Peer from = byLink.get(link);
        if (from == null) {
            error(link, ErrorCode.NOT_JOINED, "send join first (or the join was refused)", m.id());
            return;
        }
        if (m instanceof ClientMessage.Offer o) {
            relay(from, o.to(), m.id(), () -> new ServerMessage.Offer(from.peerId, o.sdp()));
        } else if (m instanceof ClientMessage.Answer a) {
            relay(from, a.to(), m.id(), () -> new ServerMessage.Answer(from.peerId, a.sdp()));
        } else if (m instanceof ClientMessage.Candidate c) {
            relay(from, c.to(), m.id(), () -> new ServerMessage.Candidate(from.peerId, c.candidate()));
        } else if (m instanceof ClientMessage.Data d) {
            if (!from.grants.canData()) {
                error(link, ErrorCode.FORBIDDEN, "the room token does not grant canData", d.id());
            } else if (SERVER.equals(d.to())) {
                registry.observer().peerData(name, from.peerId, from.identity, d.payload().tree());
            } else if (d.to() == null) {
                broadcast(from, registry.encode(new ServerMessage.Data(from.peerId, d.payload())));
            } else {
                relay(from, d.to(), d.id(), () -> new ServerMessage.Data(from.peerId, d.payload()));
            }
        } else if (m instanceof ClientMessage.Update u) {
            broadcast(from, registry.encode(new ServerMessage.PeerUpdated(from.update(u.meta()))));
        } else if (m instanceof ClientMessage.Leave) {
            byLink.remove(link);
            removePeer(from, "leave");
            link.close(CloseCodes.NORMAL, "left");
        }
    }

    private void relay(Peer from, String to, String ref, java.util.function.Supplier<ServerMessage> message) {
        Peer target = peers.get(to);
        if (target == null || target == from) {
            error(from.link, ErrorCode.UNKNOWN_PEER, "no peer " + to + " in room " + name, ref);
            return;
        }
        deliver(target, registry.encode(message.get()));
    }

    private void deliver(Peer target, byte[] text) {
        if (target.link != null) {
            target.link.send(text);
            target.sentSinceWelcome++;
            target.recent.add(text);
            return;
        }
        int dropped = target.pending.add(text);
        if (dropped > 0) {
            registry.metrics().resumeQueueDrops.increment(dropped);
        }
    }

    private void broadcast(Peer except, byte[] text) {
        for (Peer p : peers.values()) {
            if (p != except) {
                deliver(p, text);
            }
        }
    }

    private void error(PeerLink link, ErrorCode code, String message, String ref) {
        registry.metrics().protocolErrors.increment();
        link.send(registry.encode(new ServerMessage.Error(code, message, ref)));
    }

    private void disconnected(PeerLink link) {
        Peer peer = byLink.remove(link);
        if (peer == null || peer.link != link) {
            return;
        }
        peer.link = null;
        long grace = registry.settings().resumeGraceMs();
        journal.add("detached", peer.peerId, "graceMs", Long.toString(grace), null);
        if (grace > 0) {
            registry.metrics().detachedPeers.incrementAndGet();
        }
        if (grace == 0) {
            removePeer(peer, "timeout");
            return;
        }
        long generation = ++peer.graceGeneration;
        registry.schedule(() -> post(new RoomCommand.GraceExpired(peer.peerId, generation)), grace);
    }

    private void removePeer(Peer peer, String reason) {
        if (peers.remove(peer.peerId) != null && peer.link == null && registry.settings().resumeGraceMs() > 0) {
            registry.metrics().detachedPeers.decrementAndGet();
        }
        registry.forgetResumeToken(peer.resumeToken);
        broadcast(peer, registry.encode(new ServerMessage.PeerLeft(peer.peerId, reason)));
        registry.observer().peerLeft(name, peer.peerId, peer.identity, reason);
        journal.add("leave", peer.peerId, "reason", reason, null);
        scheduleEmptyCheckIfEmpty();
    }

    private void scheduleEmptyCheckIfEmpty() {
        if (!peers.isEmpty() || closed) {
            return;
        }
        long generation = ++emptyGeneration;
        registry.schedule(() -> post(new RoomCommand.EmptyExpired(generation)),
                registry.settings().emptyRoomTtlMs());
    }

    private void close(String reason) {
        closed = true;
        registry.removed(this);
        registry.observer().roomClosed(name, roomId, reason);
        journal.add("room-closed", null, "reason", reason, null);
    }

    private boolean kick(String peerId, String reason) {
        Peer p = peers.get(peerId);
        if (p == null) {
            return false;
        }
        journal.add("kick", p.peerId, "reason", reason, null);
        if (p.link != null) {
            p.link.send(registry.encode(new ServerMessage.Error(ErrorCode.KICKED, reason, null)));
            byLink.remove(p.link);
            p.link.close(CloseCodes.NORMAL, "kicked");
        }
        removePeer(p, "kicked");
        return true;
    }

    private int closeByCore(String reason) {
        List<Peer> all = new ArrayList<>(peers.values());
        for (Peer p : all) {
            kick(p.peerId, reason);
        }
        if (!closed) {
            close("closed");
        }
        return all.size();
    }

    private int serverData(String to, com.fasterxml.jackson.databind.JsonNode payload) {
        byte[] text = registry.encode(new ServerMessage.Data(SERVER, payload));
        if (to == null) {
            peers.values().forEach(p -> deliver(p, text));
            return peers.size();
        }
        Peer p = peers.get(to);
        if (p == null) {
            return 0;
        }
        deliver(p, text);
        return 1;
    }

    /** Multi-node: the peers a dead owner kept in Redis come back detached, each with a fresh resume grace. */
    private void restore(List<MemberState> members) {
        for (MemberState m : members) {
            if (closed || peers.containsKey(m.peerId()) || m.resumeToken() == null) {
                continue;
            }
            Peer peer = m.toPeer(registry.settings());
            peers.put(peer.peerId, peer);
            emptyGeneration++;
            registry.rememberResumeToken(peer, this);
            long generation = ++peer.graceGeneration;
            registry.schedule(() -> post(new RoomCommand.GraceExpired(peer.peerId, generation)),
                    Math.max(1, registry.settings().resumeGraceMs()));
        }
        scheduleEmptyCheckIfEmpty();
    }

    private void shutdown() {
        dismissAll(ErrorCode.SERVER_SHUTDOWN, "server is shutting down", CloseCodes.GOING_AWAY, "server-shutdown",
                "shutdown");
    }

    /** A command threw (a bug, or an Error such as OutOfMemoryError): its state untrusted, the room is torn down. */
    private void failed(RoomCommand c, Throwable cause) {
        LOG.error("room {} failed on {}; closing it", name, c.getClass().getSimpleName(), cause);
        c.failed(cause);
        try {
            PeerLink joining = c instanceof RoomCommand.Join j ? j.link() : c instanceof RoomCommand.Resume r ? r.link() : null;
            if (joining != null && !byLink.containsKey(joining)) {
                joining.send(registry.encode(new ServerMessage.Error(ErrorCode.INTERNAL, INTERNAL_MESSAGE, null)));
                joining.close(CloseCodes.SERVER_ERROR, "internal-error");
            }
            dismissAll(ErrorCode.INTERNAL, INTERNAL_MESSAGE, CloseCodes.SERVER_ERROR, "internal-error", "error");
        } catch (Throwable again) {
            LOG.error("room {} could not tell its peers; closed all the same", name, again);
            peers.clear();
            byLink.clear();
            closed = true;
            registry.removed(this);
        }
    }

    private static final String INTERNAL_MESSAGE = "server error; the room was closed, please rejoin";

    /** Tells every peer why, closes its socket, and closes the room; one peer failing does not stop the rest. */
    private void dismissAll(ErrorCode code, String message, int closeCode, String closeReason, String reason) {
        byte[] bye = registry.encode(new ServerMessage.Error(code, message, null));
        for (Peer p : peers.values()) {
            try {
                registry.forgetResumeToken(p.resumeToken);
                if (p.link == null && registry.settings().resumeGraceMs() > 0) {
                    registry.metrics().detachedPeers.decrementAndGet();
                }
                if (p.link != null) {
                    p.link.send(bye);
                    p.link.close(closeCode, closeReason);
                }
                registry.observer().peerLeft(name, p.peerId, p.identity, reason);
                journal.add("leave", p.peerId, "reason", reason, null);
            } catch (RuntimeException e) {
                LOG.error("room {}: could not dismiss peer {}", name, p.peerId, e);
            }
        }
        peers.clear();
        byLink.clear();
        if (!closed) {
            close(reason);
        }
    }

    private byte[] drainingNotice(long deadlineMs) {
        return registry.encode(new ServerMessage.Draining(deadlineMs, Math.max(0, deadlineMs - System.currentTimeMillis())));
    }

    private List<PeerInfo> currentPeers() {
        List<PeerInfo> list = new ArrayList<>(peers.size());
        for (Peer p : peers.values()) {
            list.add(p.info);
        }
        return list;
    }

    private RoomSnapshot snapshot() {
        List<RoomSnapshot.Member> members = new ArrayList<>(peers.size());
        for (Peer p : peers.values()) {
            members.add(new RoomSnapshot.Member(p.peerId, p.name, p.identity, p.link != null));
        }
        return new RoomSnapshot(name, roomId, members);
    }
}
