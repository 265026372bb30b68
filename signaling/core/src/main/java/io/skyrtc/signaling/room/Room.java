package io.skyrtc.signaling.room;

import io.skyrtc.signaling.protocol.CloseCodes;
import io.skyrtc.signaling.protocol.ErrorCode;
import io.skyrtc.signaling.protocol.PeerInfo;
import io.skyrtc.signaling.protocol.ServerMessage;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One room, one actor. All state below is touched only from {@link #handle}, which the
 * {@link Mailbox} runs for one command at a time; nothing here is shared with another room. The
 * room's own life (join, leave, grace and empty timers, closing) is here; what arrives from a peer is
 * {@link PeerMessages}, a resume {@link Resumption}, the actor core's commands {@link RoomControl}, and
 * which command goes where {@link RoomDispatch}. They run on this actor too.
 */
public final class Room {
    private static final Logger LOG = LoggerFactory.getLogger(Room.class);
    /** The {@code to}/{@code from} of data exchanged with the actor core; never a peer id. */
    public static final String SERVER = "server";
    private static final String INTERNAL_MESSAGE = "server error; the room was closed, please rejoin";

    private final String name;
    final String roomId = Ids.roomId();
    final RoomRegistry registry;
    final Mailbox<RoomCommand> mailbox;
    final IceServersRefresh iceRefresh;
    final RoomJournal journal;
    final RoomMembers members;
    private final RoomCommand.Handler dispatch;
    /** Multi-node: what connections sent while the node could not confirm it owns the room. */
    final HeldCommands held;

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
        this.members = new RoomMembers(registry.metrics());
        this.dispatch = new RoomDispatch(this);
        this.held = new HeldCommands(this);
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
        if (held.hold(c)) {
            return;
        }
        c.accept(dispatch);
    }

    boolean closed() {
        return closed;
    }

    void join(RoomCommand.Join j) {
        PeerLink link = j.link();
        if (closed || registry.shuttingDown()) {
            registry.joinClosedRoom(j);  // a fresh room (routed again, in multi-node mode), or the refusal
            return;
        }
        if (registry.drainDeadlineMs() != 0) {
            journal.add("refused", null, "code", ErrorCode.SERVER_DRAINING.wire(), link.clientAddress());
            registry.refuseDraining(link, j.message());
            scheduleEmptyCheckIfEmpty();
            return;
        }
        RoomSettings settings = registry.settings();
        if (members.size() >= settings.maxPeersPerRoom()) {
            reject(link, ErrorCode.ROOM_FULL, "room " + name + " has " + settings.maxPeersPerRoom()
                    + " peers already", j.message().id());
            return;
        }
        Peer peer = new Peer(Ids.peerId(), j.message().name(), j.message().meta(), j.tokenMeta(), j.identity(),
                j.grants(), j.tokenExpiresAt(), registry.settings());
        List<PeerInfo> others = members.infoExcept(null);
        members.add(peer);
        emptyGeneration++;
        attach(peer, link);
        registry.metrics().joins.increment();
        sendWelcome(peer, others, false);
        members.broadcast(peer, registry.encode(new ServerMessage.PeerJoined(peer.info)));
        registry.observer().peerJoined(name, peer.peerId, peer.identity, peer.name, peer.meta);
        journal.add("join", peer.peerId, "peers", Integer.toString(members.size()), link.clientAddress());
    }

    /** The peer is on {@code link} now, with a fresh resume token. */
    void attach(Peer peer, PeerLink link) {
        members.attach(peer, link);
        peer.sentSinceWelcome = 0;
        peer.recent.clear();
        peer.resumeToken = Ids.resumeToken();
        registry.rememberResumeToken(peer, this);
        link.attached(this, peer.peerId);
    }

    void sendWelcome(Peer peer, List<PeerInfo> others, boolean resumed) {
        RoomSettings s = registry.settings();
        peer.link.send(registry.encode(new ServerMessage.Welcome(
                peer.peerId, name, others, registry.iceServers().forPeer(name, peer.peerId, peer.identity),
                peer.resumeToken, s.pingIntervalMs(), resumed, peer.grants, s.limits())));
        iceRefresh.welcomed(peer);   // TURN credentials are replaced before they expire
    }

    /** A join or resume refused: the connection is told and belongs to no room. */
    void reject(PeerLink link, ErrorCode code, String message, String ref) {
        journal.add("refused", null, "code", code.wire(), link.clientAddress());
        link.send(registry.encode(new ServerMessage.Error(code, message, ref)));
        link.joinRejected(this);
        scheduleEmptyCheckIfEmpty();
    }

    /** A message the room could not act on; the connection stays. */
    void error(PeerLink link, ErrorCode code, String message, String ref) {
        registry.metrics().protocolErrors.increment();
        link.send(registry.encode(new ServerMessage.Error(code, message, ref)));
    }

    void disconnected(PeerLink link) {
        Peer peer = members.detach(link);
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
            removePeer(peer, LeaveReason.TIMEOUT);
            return;
        }
        startGrace(peer, grace);
    }

    /** A detached peer may resume within {@code graceMs}; after that it has left. */
    private void startGrace(Peer peer, long graceMs) {
        long generation = ++peer.graceGeneration;
        registry.schedule(() -> post(new RoomCommand.GraceExpired(peer.peerId, generation)), graceMs);
    }

    void graceExpired(String peerId, long generation) {
        Peer p = members.get(peerId);
        if (p != null && p.link == null && p.graceGeneration == generation) {
            removePeer(p, LeaveReason.TIMEOUT);
        }
    }

    void removePeer(Peer peer, LeaveReason reason) {
        if (members.remove(peer) && peer.link == null && registry.settings().resumeGraceMs() > 0) {
            registry.metrics().detachedPeers.decrementAndGet();
        }
        registry.forgetResumeToken(peer.resumeToken);
        members.broadcast(peer, registry.encode(new ServerMessage.PeerLeft(peer.peerId, reason.wire())));
        registry.observer().peerLeft(name, peer.peerId, peer.identity, reason);
        journal.add("leave", peer.peerId, "reason", reason.wire(), null);
        scheduleEmptyCheckIfEmpty();
    }

    private void scheduleEmptyCheckIfEmpty() {
        if (!members.isEmpty() || closed) {
            return;
        }
        long generation = ++emptyGeneration;
        registry.schedule(() -> post(new RoomCommand.EmptyExpired(generation)),
                registry.settings().emptyRoomTtlMs());
    }

    void emptyExpired(long generation) {
        if (!closed && members.isEmpty() && generation == emptyGeneration) {
            close(CloseReason.EMPTY);
        }
    }

    void close(CloseReason reason) {
        closed = true;
        registry.removed(this);
        registry.observer().roomClosed(name, roomId, reason);
        journal.add("room-closed", null, "reason", reason.wire(), null);
        held.replayClosed(dispatch);
    }

    /** Multi-node: the node confirmed it still owns the room; what it held is handled now, in order. */
    void ownerConfirmed() {
        held.release(dispatch);
    }

    /** Multi-node: the peers a dead owner kept in Redis come back detached, each with a fresh resume grace. */
    void restore(List<MemberState> restored) {
        for (MemberState m : restored) {
            if (closed || members.contains(m.peerId()) || m.resumeToken() == null) {
                continue;
            }
            Peer peer = m.toPeer(registry.settings());
            members.add(peer);
            emptyGeneration++;
            registry.rememberResumeToken(peer, this);
            if (registry.settings().resumeGraceMs() > 0) {  // as a detach counts it: every way out uncounts it
                registry.metrics().detachedPeers.incrementAndGet();
            }
            registry.observer().peerRestored(name, peer.peerId, peer.identity);
            startGrace(peer, Math.max(1, registry.settings().resumeGraceMs()));
        }
        scheduleEmptyCheckIfEmpty();
    }

    void shutdown() {
        dismissAll(ErrorCode.SERVER_SHUTDOWN, "server is shutting down", CloseCodes.GOING_AWAY, "server-shutdown",
                LeaveReason.SHUTDOWN, CloseReason.SHUTDOWN);
    }

    /** Multi-node: another node owns the room now; its peers reconnect (1012) and resume there. */
    void moved() {
        dismissAll(ErrorCode.UNAVAILABLE, "this room moved to another node; resume", CloseCodes.SERVICE_RESTART,
                "room-moved", LeaveReason.MOVED, CloseReason.MOVED);
    }

    /** A command threw (a bug, or an Error such as OutOfMemoryError): its state untrusted, the room is torn down. */
    private void failed(RoomCommand c, Throwable cause) {
        LOG.error("room {} failed on {}; closing it", name, c.getClass().getSimpleName(), cause);
        c.failed(cause);
        try {
            PeerLink joining = c instanceof RoomCommand.Join j ? j.link() : c instanceof RoomCommand.Resume r ? r.link() : null;
            if (joining != null && !members.isAttached(joining)) {
                joining.send(registry.encode(new ServerMessage.Error(ErrorCode.INTERNAL, INTERNAL_MESSAGE, null)));
                joining.close(CloseCodes.SERVER_ERROR, "internal-error");
            }
            dismissAll(ErrorCode.INTERNAL, INTERNAL_MESSAGE, CloseCodes.SERVER_ERROR, "internal-error",
                    LeaveReason.ERROR, CloseReason.ERROR);
        } catch (Throwable again) {
            LOG.error("room {} could not tell its peers; closed all the same", name, again);
            members.clear();
            closed = true;
            registry.removed(this);
        }
    }

    /** Tells every peer why, closes its socket, and closes the room; one peer failing does not stop the rest. */
    private void dismissAll(ErrorCode code, String message, int closeCode, String closeText, LeaveReason left,
                            CloseReason closing) {
        held.refuseAll(code, message);
        byte[] bye = registry.encode(new ServerMessage.Error(code, message, null));
        for (Peer p : members.all()) {
            try {
                registry.forgetResumeToken(p.resumeToken);
                if (p.link == null && registry.settings().resumeGraceMs() > 0) {
                    registry.metrics().detachedPeers.decrementAndGet();
                }
                if (p.link != null) {
                    p.link.send(bye);
                    p.link.close(closeCode, closeText);
                }
                registry.observer().peerLeft(name, p.peerId, p.identity, left);
                journal.add("leave", p.peerId, "reason", left.wire(), null);
            } catch (RuntimeException e) {
                LOG.error("room {}: could not dismiss peer {}", name, p.peerId, e);
            }
        }
        members.clear();
        if (!closed) {
            close(closing);
        }
    }

    /** Not a room frame: clients do not count it for resume, so it is never queued or replayed. */
    byte[] drainingNotice(long deadlineMs) {
        return registry.encode(new ServerMessage.Draining(deadlineMs, Math.max(0, deadlineMs - System.currentTimeMillis())));
    }

    RoomSnapshot snapshot() {
        return new RoomSnapshot(name, roomId, members.snapshot());
    }

    RoomStat stat() {
        return new RoomStat(name, members.size(), members.attached(), mailbox.handledCount(), mailbox.length(),
                mailbox.busyNanos() / 1_000_000);
    }
}
