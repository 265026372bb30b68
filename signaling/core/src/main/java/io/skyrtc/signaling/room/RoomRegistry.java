package io.skyrtc.signaling.room;

import io.skyrtc.signaling.metrics.SignalingMetrics;
import io.skyrtc.signaling.protocol.ClientMessage;
import io.skyrtc.signaling.protocol.ErrorCode;
import io.skyrtc.signaling.protocol.ProtocolCodec;
import io.skyrtc.signaling.protocol.ServerMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

/**
 * Finds or creates the room actor for a join, and owns what rooms share: the executor their
 * mailboxes run on, one timer thread, the resume-token index and the codec. Rooms are created on
 * first join and remove themselves once empty for {@code emptyRoomTtlMs}.
 */
public final class RoomRegistry implements AutoCloseable {
    private final RoomSettings settings;
    private final ProtocolCodec codec;
    private final IceServerSource iceServers;
    private final SignalingMetrics metrics;
    private volatile RoomObserver observer;
    /** Null on a single node; set once, before start, in multi-node mode. */
    private volatile RoomRouting routing;
    private final ConcurrentHashMap<String, Room> rooms = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Room> resumeTokens = new ConcurrentHashMap<>();
    private final RoomThreads threads = new RoomThreads();
    private final JoinRefusals refusals;
    private final RoomAsks asks;
    /** Set before the rooms are told to shut down: from then on every join is refused. */
    private volatile boolean shuttingDown;
    /** While draining (0 = not): new joins are refused with server-draining, joined rooms go on until then (Unix ms). */
    private volatile long drainDeadlineMs;

    public RoomRegistry(RoomSettings settings, ProtocolCodec codec, IceServerSource iceServers,
                        SignalingMetrics metrics, RoomObserver observer) {
        this.settings = settings;
        this.codec = codec;
        this.iceServers = iceServers;
        this.metrics = metrics;
        this.observer = observer;
        this.refusals = new JoinRefusals(codec, metrics);
        this.asks = new RoomAsks(this, codec.mapper());
    }

    /**
     * Sends a verified join to its room, creating the room if needed; returns that room, or null
     * when the node is at {@code maxRooms} (the client was told).
     */
    public Room join(PeerLink link, ClientMessage.Join message, String identity, ServerMessage.Grants grants) {
        return join(link, message, identity, grants, null);
    }

    /** As above, for a peer whose room token expires at {@code tokenExpiresAt} (it cannot resume after). */
    public Room join(PeerLink link, ClientMessage.Join message, String identity, ServerMessage.Grants grants,
                     java.time.Instant tokenExpiresAt) {
        return join(link, message, identity, grants, tokenExpiresAt, null);
    }

    /** As above; {@code tokenMeta} is the room token's meta claim (null: none): keys an update cannot change. */
    public Room join(PeerLink link, ClientMessage.Join message, String identity, ServerMessage.Grants grants,
                     java.time.Instant tokenExpiresAt, com.fasterxml.jackson.databind.JsonNode tokenMeta) {
        RoomRouting r = routing;
        if (r != null && !shuttingDown) {
            return r.join(link, message, identity, grants, tokenExpiresAt, tokenMeta);
        }
        return joinHere(link, message, identity, grants, tokenExpiresAt, tokenMeta);
    }

    /** A join for a room this node serves (always, on a single node). */
    public Room joinHere(PeerLink link, ClientMessage.Join message, String identity, ServerMessage.Grants grants,
                         java.time.Instant tokenExpiresAt, com.fasterxml.jackson.databind.JsonNode tokenMeta) {
        return dispatch(new RoomCommand.Join(link, message, identity, grants, tokenExpiresAt, tokenMeta));
    }

    /** Routes a resume to the room that issued the token; null when refused, the client already told why. */
    public Room resume(PeerLink link, ClientMessage.Join message) {
        RoomRouting r = routing;
        if (r != null && !shuttingDown) {
            return r.resume(link, message);
        }
        return resumeHere(link, message);
    }

    /** A resume for a room this node serves, from a socket of this node: a refusal is told to it. */
    public Room resumeHere(PeerLink link, ClientMessage.Join message) {
        return resumeToken(link, message, true);
    }

    /**
     * The same for a peer whose socket is on another node: an unknown token is only logged here, the
     * routing tells that node (which tells its socket), so the client hears it once.
     */
    public Room resumeFromElsewhere(PeerLink link, ClientMessage.Join message) {
        return resumeToken(link, message, false);
    }

    private Room resumeToken(PeerLink link, ClientMessage.Join message, boolean tellUnknown) {
        if (shuttingDown) {
            refusals.shuttingDown(link, message);
            return null;
        }
        Room room = resumeTokens.get(message.resume());
        if (room != null) {
            room.tell(new RoomCommand.Resume(link, message));
        } else if (tellUnknown) {
            refusals.resumeInvalid(link, message);
        } else {
            JoinRefusals.log(link, message.room(), ErrorCode.RESUME_INVALID);
        }
        return room;
    }

    /** Sends offer/answer/candidate/data/leave to the room the connection joined. */
    public void fromPeer(Room room, PeerLink link, ClientMessage message) {
        RemoteRoom remote = room.remote();
        if (remote != null) {
            remote.fromPeer(link, message);
            return;
        }
        room.tell(new RoomCommand.FromPeer(link, message));
    }

    public void disconnected(Room room, PeerLink link) {
        RemoteRoom remote = room.remote();
        if (remote != null) {
            remote.disconnected(link);
            return;
        }
        room.tell(new RoomCommand.Disconnected(link));
    }

    // ---- multi-node mode (io.skyrtc.signaling.routing) ----

    /** Installs multi-node routing; call before the server starts. The routing also hears every room event. */
    public void routeWith(RoomRouting routing) {
        this.routing = routing;
        this.observer = RoomObserver.both(observer, routing);
    }

    /** A stand-in for a room whose actor runs on another node: a connection's frames go to {@code remote}. */
    public Room remoteStub(String name, RemoteRoom remote) {
        return new Room(name, this, remote);
    }

    /** The room this node serves under that name, or null. */
    public Room localRoom(String name) {
        return rooms.get(name);
    }

    /**
     * Re-creates, after its owner died, a room from the membership the owner kept in Redis: the peers
     * are detached, each with its resume grace from now.
     */
    public Room restore(String name, List<MemberState> members) {
        Room room = open(name);
        for (MemberState m : members) {
            if (m.resumeToken() != null) {
                resumeTokens.put(m.resumeToken(), room);  // now: a resume told right after finds the room
            }
        }
        room.post(new RoomCommand.Restore(List.copyOf(members)));
        return room;
    }

    /**
     * This node lost the room's lease: its peers are told to reconnect (close 1012), they resume on the
     * new owner; the room leaves this node without telling anyone else it closed.
     */
    public void moved(String name) {
        Room room = rooms.get(name);
        if (room != null) {
            room.post(new RoomCommand.Moved());
        }
    }

    /**
     * Multi-node: a new owner found the room's previous incarnation never closed (its owner died); the
     * observers hear it closed ({@code moved}) before the new incarnation's {@code room.created}.
     */
    public void closedElsewhere(String name, String roomId) {
        observer().roomClosed(name, roomId, CloseReason.MOVED);
    }

    /** Multi-node: the node confirmed the room's lease again; what the room held meanwhile is handled now. */
    public void ownerConfirmed(String name) {
        Room room = rooms.get(name);
        if (room != null) {
            room.post(new RoomCommand.OwnerConfirmed());
        }
    }

    /** Writes every member's state again (Redis lost it); each goes to {@link RoomRouting#memberAttached}. */
    public void republish(String name) {
        Room room = rooms.get(name);
        if (room != null) {
            room.post(new RoomCommand.Republish());
        }
    }

    public int roomCount() {
        return rooms.size();
    }

    /** The rooms this node serves; in multi-node mode, every room of the cluster. */
    public List<String> roomNames() {
        RoomRouting r = routing;
        return r != null ? r.clusterRooms(localRoomNames()) : localRoomNames();
    }

    public List<String> localRoomNames() {
        return new ArrayList<>(rooms.keySet());
    }

    // Commands that want an answer (admin, actor core): see RoomAsks.

    /** A snapshot taken on the room's actor (on this thread when the room is idle), or null when no such room is open. */
    public CompletableFuture<RoomSnapshot> snapshot(String name) {
        return asks.snapshot(name);
    }

    /** Every open room's figures, each taken on its own actor (for admin stat). */
    public CompletableFuture<List<RoomStat>> stats() {
        return asks.stats(rooms.values());
    }

    /** The room's journal (rooms.eventLogSize entries at most), or null when no such room is open. */
    public CompletableFuture<List<RoomJournal.Entry>> events(String name) {
        return asks.events(name);
    }

    /** Kicks a peer; completes with false when the room or peer is not here. */
    public CompletableFuture<Boolean> kick(String room, String peerId, String reason) {
        return asks.kick(room, peerId, reason);
    }

    /** Closes a room; completes with the number of peers removed, or -1 when no such room is open. */
    public CompletableFuture<Integer> closeRoom(String room, String reason) {
        return asks.close(room, reason);
    }

    /** Data from "server" to one peer ({@code to}) or all (null); completes with the number of recipients, -1 = no room. */
    public CompletableFuture<Integer> sendData(String room, String to, com.fasterxml.jackson.databind.JsonNode payload) {
        return asks.sendData(room, to, payload);
    }

    /**
     * Tells every peer in every room that the server is going away. Joins are refused from here on
     * (a room that gets one after this point refuses it too), so no peer is welcomed after its room
     * said goodbye.
     */
    public CompletableFuture<Void> shutdown() {
        shuttingDown = true;
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (Room room : rooms.values()) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            room.post(new RoomCommand.Shutdown(done));
            all.add(done);
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
    }

    public boolean shuttingDown() {
        return shuttingDown;
    }

    /**
     * Refuses new joins from now on ({@code server-draining}) and tells every joined peer, with the
     * deadline (Unix ms) after which the node shuts down. Resumes still work: the rooms go on.
     */
    public void drain(long deadlineMs) {
        drainDeadlineMs = deadlineMs;
        for (Room room : rooms.values()) {
            room.post(new RoomCommand.Drain(deadlineMs));
        }
    }

    /** The drain deadline (Unix ms), 0 while not draining. */
    public long drainDeadlineMs() {
        return drainDeadlineMs;
    }

    @Override
    public void close() {
        threads.close();
    }

    // ---- used by Room, on its own thread ----

    /**
     * A join that reached a room after it closed: a fresh room on a single node; in multi-node mode the routing
     * routes it again (the closed room's lease went with it: a room opened here would have no owner).
     */
    void joinClosedRoom(RoomCommand.Join join) {
        RoomRouting r = routing;
        if (r == null || shuttingDown) {
            dispatch(join);
            return;
        }
        r.joinAgain(join.link(), join.message(), join.identity(), join.grants(), join.tokenExpiresAt(), join.tokenMeta());
    }

    Room dispatch(RoomCommand.Join join) {
        if (shuttingDown) {
            refusals.shuttingDown(join.link(), join.message());
            return null;
        }
        if (drainDeadlineMs != 0) {
            refuseDraining(join.link(), join.message());
            return null;
        }
        String name = join.message().room();
        Room room = rooms.get(name);
        if (room == null) {
            if (rooms.size() >= settings.maxRooms()) {
                refusals.tooManyRooms(join.link(), join.message(), settings.maxRooms());
                return null;
            }
            room = open(name);
        }
        room.tell(join);
        return room;
    }

    /** A join on a draining node: told, counted, and closed (1001), so the client reconnects to another node. */
    void refuseDraining(PeerLink link, ClientMessage.Join message) {
        refusals.draining(link, message, rooms.containsKey(message.room()));
    }

    /** The room of that name, created (and counted) if this node has none. */
    private Room open(String name) {
        return rooms.computeIfAbsent(name, n -> {
            Room created = new Room(n, this);
            metrics.rooms.incrementAndGet();
            return created;
        });
    }

    void removed(Room room) {
        if (rooms.remove(room.name(), room)) {
            metrics.rooms.decrementAndGet();
        }
    }

    /** A peer attached (or was restored) with a new resume token. */
    void rememberResumeToken(Peer peer, Room room) {
        resumeTokens.put(peer.resumeToken, room);
        RoomRouting r = routing;
        if (r != null && room.remote() == null) {
            r.memberAttached(room.name(), MemberState.of(peer));
        }
    }

    void forgetResumeToken(String token) {
        if (token != null) {
            resumeTokens.remove(token);
        }
    }

    void schedule(Runnable task, long delayMs) {
        threads.schedule(task, delayMs);
    }

    ExecutorService executor() {
        return threads.executor();
    }

    RoomRouting routing() {
        return routing;
    }

    RoomSettings settings() {
        return settings;
    }

    /** Public for the multi-node routing, which counts the joins it refuses itself. */
    public SignalingMetrics metrics() {
        return metrics;
    }

    RoomObserver observer() {
        return observer;
    }

    IceServerSource iceServers() {
        return iceServers;
    }

    byte[] encode(ServerMessage message) {
        return codec.encode(message);
    }
}
