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
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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
    private final ExecutorService executor;
    private final ScheduledThreadPoolExecutor timers;
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
        AtomicInteger n = new AtomicInteger();
        this.executor = new ForkJoinPool(Math.max(2, Runtime.getRuntime().availableProcessors()), pool -> {
            var t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            t.setName("room-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, null, true);
        this.timers = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "room-timers");
            t.setDaemon(true);
            return t;
        });
        this.timers.setRemoveOnCancelPolicy(true);
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

    /** Routes a resume to the room that issued the token; null if no room knows it. */
    public Room resume(PeerLink link, ClientMessage.Join message) {
        RoomRouting r = routing;
        if (r != null && !shuttingDown) {
            return r.resume(link, message);
        }
        return resumeHere(link, message);
    }

    /** A resume for a room this node serves. */
    public Room resumeHere(PeerLink link, ClientMessage.Join message) {
        if (shuttingDown) {
            refuseShuttingDown(link, message);
            return null;
        }
        Room room = resumeTokens.get(message.resume());
        if (room != null) {
            room.tell(new RoomCommand.Resume(link, message));
        } else {
            refusedLog(link, message.room(), ErrorCode.RESUME_INVALID);
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
        Room room = rooms.computeIfAbsent(name, n -> {
            Room created = new Room(n, this);
            metrics.rooms.incrementAndGet();
            return created;
        });
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
        observer().roomClosed(name, roomId, "moved");
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

    /** Multi-node: a command for a room served elsewhere goes to its owner; {@code absent} when none has it. */
    private <T> CompletableFuture<T> elsewhere(String room, String op, java.util.Map<String, Object> args, T absent,
                                               java.util.function.Function<com.fasterxml.jackson.databind.JsonNode, T> read) {
        RoomRouting r = routing;
        if (r == null) {
            return CompletableFuture.completedFuture(absent);
        }
        com.fasterxml.jackson.databind.node.ObjectNode a = codec.mapper().createObjectNode();
        args.forEach((k, v) -> a.set(k, codec.mapper().valueToTree(v)));
        return r.elsewhere(room, op, a).thenApply(j -> j == null || j.isNull() ? absent : read.apply(j));
    }

    // Commands from the actor core and the admin API are told, not posted: they come from I/O threads
    // (a gate or cluster connection, an HTTP worker), where an idle room runs at once on the caller, as
    // for a WebSocket frame. Posting cost a thread hand-off per command: waking a parked pool worker,
    // and on a busy machine waiting for it to get a core, which made one-at-a-time commands 2-3x slower
    // than inline ones.

    /** A snapshot taken on the room's actor (on this thread when the room is idle), or null when no such room is open. */
    public CompletableFuture<RoomSnapshot> snapshot(String name) {
        Room room = rooms.get(name);
        if (room == null) {
            return elsewhere(name, "snapshot", java.util.Map.of(), null, j -> {
                try {
                    return codec.mapper().treeToValue(j, RoomSnapshot.class);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        CompletableFuture<RoomSnapshot> reply = new CompletableFuture<>();
        room.tell(new RoomCommand.Snapshot(reply));
        return reply;
    }

    /** Every open room's figures, each taken on its own actor (for admin stat). */
    public CompletableFuture<List<RoomStat>> stats() {
        List<CompletableFuture<RoomStat>> all = new ArrayList<>();
        for (Room room : rooms.values()) {
            CompletableFuture<RoomStat> reply = new CompletableFuture<>();
            room.tell(new RoomCommand.Stat(reply));
            all.add(reply);
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
                .thenApply(v -> all.stream().map(CompletableFuture::join).toList());
    }

    /** The room's journal (rooms.eventLogSize entries at most), or null when no such room is open. */
    public CompletableFuture<List<RoomJournal.Entry>> events(String name) {
        Room room = rooms.get(name);
        if (room == null) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<List<RoomJournal.Entry>> reply = new CompletableFuture<>();
        room.tell(new RoomCommand.Events(reply));
        return reply;
    }

    /** Kicks a peer; completes with false when the room or peer is not here. */
    public CompletableFuture<Boolean> kick(String room, String peerId, String reason) {
        Room r = rooms.get(room);
        if (r == null) {
            return elsewhere(room, "kick", java.util.Map.of("peer", peerId, "reason", reason), false,
                    com.fasterxml.jackson.databind.JsonNode::asBoolean);
        }
        CompletableFuture<Boolean> reply = new CompletableFuture<>();
        r.tell(new RoomCommand.Kick(peerId, reason, reply));
        return reply;
    }

    /** Closes a room; completes with the number of peers removed, or -1 when no such room is open. */
    public CompletableFuture<Integer> closeRoom(String room, String reason) {
        Room r = rooms.get(room);
        if (r == null) {
            return elsewhere(room, "close", java.util.Map.of("reason", reason), -1,
                    com.fasterxml.jackson.databind.JsonNode::asInt);
        }
        CompletableFuture<Integer> reply = new CompletableFuture<>();
        r.tell(new RoomCommand.Close(reason, reply));
        return reply;
    }

    /** Data from "server" to one peer ({@code to}) or all (null); completes with the number of recipients, -1 = no room. */
    public CompletableFuture<Integer> sendData(String room, String to, com.fasterxml.jackson.databind.JsonNode payload) {
        Room r = rooms.get(room);
        if (r == null) {
            java.util.Map<String, Object> args = new java.util.HashMap<>();
            args.put("payload", payload);
            if (to != null) {
                args.put("to", to);
            }
            return elsewhere(room, "send", args, -1, com.fasterxml.jackson.databind.JsonNode::asInt);
        }
        CompletableFuture<Integer> reply = new CompletableFuture<>();
        r.tell(new RoomCommand.ServerData(to, payload, reply));
        return reply;
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
        timers.shutdownNow();
        executor.shutdown();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- used by Room, on its own thread ----

    /** Also used by a room that closed while a join was on its way: the join goes to a fresh room. */
    Room dispatch(RoomCommand.Join join) {
        if (shuttingDown) {
            refuseShuttingDown(join.link(), join.message());
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
                refusedLog(join.link(), name, ErrorCode.TOO_MANY_ROOMS);
                metrics.protocolErrors.increment();
                join.link().send(encode(new ServerMessage.Error(ErrorCode.TOO_MANY_ROOMS,
                        "this node already has " + settings.maxRooms() + " rooms", join.message().id())));
                join.link().joinRejected(null);
                return null;
            }
            room = rooms.computeIfAbsent(name, n -> {
                Room created = new Room(n, this);
                metrics.rooms.incrementAndGet();
                return created;
            });
        }
        room.tell(join);
        return room;
    }

    private static void refusedLog(PeerLink link, String room, ErrorCode code) {
        io.skyrtc.signaling.logs.EventLog.info("refused", "room", room, "ip", link.clientAddress(), "code", code.wire());
    }

    private void refuseShuttingDown(PeerLink link, ClientMessage.Join message) {
        refusedLog(link, message.room(), ErrorCode.SERVER_SHUTDOWN);
        link.send(encode(new ServerMessage.Error(ErrorCode.SERVER_SHUTDOWN, "server is shutting down", message.id())));
        link.close(io.skyrtc.signaling.protocol.CloseCodes.GOING_AWAY, "server-shutdown");
    }

    /** A join on a draining node: told, counted, and closed (1001), so the client reconnects to another node. */
    void refuseDraining(PeerLink link, ClientMessage.Join message) {
        if (!rooms.containsKey(message.room())) {
            refusedLog(link, message.room(), ErrorCode.SERVER_DRAINING);  // a room logs its own refusals
        }
        metrics.protocolErrors.increment();
        link.send(encode(new ServerMessage.Error(ErrorCode.SERVER_DRAINING,
                "this node is draining; join again (another node will take it)", message.id())));
        link.joinRejected(null);
        link.close(io.skyrtc.signaling.protocol.CloseCodes.GOING_AWAY, "server-draining");
    }

    void removed(Room room) {
        if (rooms.remove(room.name(), room)) {
            metrics.rooms.decrementAndGet();
        }
    }

    void rememberResumeToken(String token, Room room) {
        resumeTokens.put(token, room);
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
        if (!timers.isShutdown()) {
            timers.schedule(task, delayMs, TimeUnit.MILLISECONDS);
        }
    }

    ExecutorService executor() {
        return executor;
    }

    RoomSettings settings() {
        return settings;
    }

    SignalingMetrics metrics() {
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
