package io.skyrtc.signaling.routing.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.skyrtc.signaling.protocol.ClientMessage;
import io.skyrtc.signaling.protocol.ErrorCode;
import io.skyrtc.signaling.protocol.ProtocolCodec;
import io.skyrtc.signaling.protocol.ServerMessage;
import io.skyrtc.signaling.room.CloseReason;
import io.skyrtc.signaling.room.LeaveReason;
import io.skyrtc.signaling.room.MemberState;
import io.skyrtc.signaling.room.PeerLink;
import io.skyrtc.signaling.room.Room;
import io.skyrtc.signaling.room.RoomRegistry;
import io.skyrtc.signaling.room.RoomRouting;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Multi-node mode on Redis (docs/SCALING.md). A room's actor runs on exactly one node, its owner: the
 * node that took the room's lease, which is the node where the first peer joined. A client on any
 * other node talks to it through an {@link EdgeSession}; the owner sees that client as a
 * {@link RemotePeer}. Frames travel over one pub/sub channel per node. {@link Watchdog} renews this
 * node's leases, moves sessions when a room's owner changes, and takes over rooms whose owner died.
 */
public final class RedisRouting implements RoomRouting, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisRouting.class);

    final String nodeId;
    final RedisKeys keys;
    final RedisLink link;
    final Leases leases;
    final long leaseMs;
    private final RoomRegistry registry;
    private final ProtocolCodec codec;
    private final ObjectMapper json;
    private final byte[] myChannel;
    final ConcurrentHashMap<String, EdgeSession> sessions = new ConcurrentHashMap<>();
    final ConcurrentHashMap<String, RemotePeer> remotePeers = new ConcurrentHashMap<>();
    /** Rooms this node holds the lease of. */
    final ConcurrentHashMap<String, Owner> owned = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, CompletableFuture<Void>> takingOver = new ConcurrentHashMap<>();
    /** Rooms being taken over: their lease, for the new room's incarnation before they count as owned. */
    private final ConcurrentHashMap<String, Owner> claiming = new ConcurrentHashMap<>();
    /** Rooms a draining node is giving away: their edges' messages are left to the next owner. */
    final java.util.Set<String> handingOver = ConcurrentHashMap.newKeySet();
    final Barrier barrier = new Barrier(this);
    /** Null until {@link #registerMeters}. */
    volatile RoutingMeters meters;
    private final AtomicLong sessionIds = new AtomicLong();
    final AtomicLong staleFrames = new AtomicLong();
    final AtomicLong unackedDrops = new AtomicLong();
    final Watchdog watchdog;
    final Wire wire;
    private final OwnerSide ownerSide;
    final AdminRelay admin;
    private final Inbox inbox;

    public RedisRouting(RoomRegistry registry, ProtocolCodec codec, String url, boolean cluster, String keyPrefix, String nodeId,
                        long leaseMs, long timeoutMs, long resumeGraceMs,
                        java.util.function.Supplier<String> baseUrl) {
        this.registry = registry;
        this.codec = codec;
        this.json = codec.mapper();
        this.nodeId = nodeId;
        this.keys = new RedisKeys(keyPrefix);
        this.leaseMs = leaseMs;
        this.link = new RedisLink(url, cluster, timeoutMs);
        this.leases = new Leases(link, keys, nodeId, leaseMs, resumeGraceMs + leaseMs);
        this.myChannel = keys.channel(nodeId);
        this.watchdog = new Watchdog(this, baseUrl);
        this.wire = new Wire(codec);
        this.ownerSide = new OwnerSide(this, registry, codec);
        this.admin = new AdminRelay(this, registry, json);
        this.inbox = new Inbox(this, ownerSide, watchdog);
    }

    /**
     * This node drains: the sockets it holds in rooms owned elsewhere are told too (the rooms it owns tell
     * their own peers, and the notice is not relayed to sockets on other nodes: those are not draining).
     */
    public void drain(long deadlineMs) {
        byte[] notice = wire.encodeDraining(deadlineMs);
        sessions.values().forEach(s -> s.socket.send(notice));
    }

    boolean draining() {
        return registry.drainDeadlineMs() != 0;
    }

    /**
     * While draining: the peers of rooms this node owns that are still here (attached through a socket of
     * this node) or detached (gone from here, not back through another node yet). Asked of each room
     * actor, so a socket that just closed counts until its room has handled that.
     */
    public int peersNotMoved() {
        return HandOver.peersNotMoved(this);
    }

    /**
     * The drain is over (this node's sockets are gone, or its deadline passed): every room this node owns
     * goes to the other nodes, with its members; returns how many rooms were handed over.
     */
    public int handOver() {
        long t0 = System.nanoTime();
        int n = HandOver.all(this);
        LOG.info("handed {} rooms over in {} ms", n, (System.nanoTime() - t0) / 1_000_000);
        return n;
    }

    /** Registers the multi-node meters (docs/SCALING.md, "Metrics"). */
    public RedisRouting registerMeters(io.micrometer.core.instrument.MeterRegistry registry) {
        meters = new RoutingMeters(this, registry);
        return this;
    }

    public RedisRouting start() {
        watchdog.start();
        return this;
    }

    /** Whether Redis answered the watchdog's last check. */
    public boolean redisUp() {
        return watchdog.up();
    }

    public String nodeId() {
        return nodeId;
    }

    /** Cluster-wide admin views and commands (rooms on any node). */
    public AdminRelay admin() {
        return admin;
    }

    /** For {@code /healthz}: node id, Redis up or down, the rooms this node owns (the first 100) and remote sessions. */
    public Map<String, Object> state() {
        return RoutingMeters.health(this);
    }

    /** Rooms whose lease this node holds. */
    public List<String> ownedRooms() {
        return new ArrayList<>(owned.keySet());
    }

    @Override
    public CompletableFuture<JsonNode> elsewhere(String room, String op, ObjectNode args) {
        return admin.ask(room, op, args);
    }

    @Override
    public List<String> clusterRooms(List<String> local) {
        return admin.rooms();
    }

    RoomRegistry registry() {
        return registry;
    }

    void connect() {
        link.connect(myChannel, inbox::onMessage, inbox::channelMoving, inbox::channelMoved);
    }

    // ---- joins from local sockets ----

    @Override
    public Room join(PeerLink socket, ClientMessage.Join message, String identity, ServerMessage.Grants grants,
                     java.time.Instant tokenExpiresAt, JsonNode tokenMeta) {
        String room = message.room();
        if (owned.containsKey(room) || draining()) {  // joinHere refuses joins on a draining node
            return registry.joinHere(socket, message, identity, grants, tokenExpiresAt, tokenMeta);
        }
        Owner owner = route(socket, room, message.id());
        if (owner == null) {
            registry.metrics().joinsUnavailable.increment();
            return null;
        }
        return owner.node().equals(nodeId) ? registry.joinHere(socket, message, identity, grants, tokenExpiresAt, tokenMeta)
                : open(socket, room, owner, new EdgeSession.JoinArgs(message, identity, grants, tokenExpiresAt, tokenMeta), null);
    }

    @Override
    public Room resume(PeerLink socket, ClientMessage.Join message) {
        String room = message.room();
        if (owned.containsKey(room) || room == null) {
            return registry.resumeHere(socket, message);
        }
        Owner owner = route(socket, room, message.id());
        if (owner == null) {
            return null;
        }
        if (owner.node().equals(nodeId)) {
            return registry.resumeHere(socket, message);
        }
        return open(socket, room, owner, null, message);
    }

    private Room open(PeerLink socket, String room, Owner owner, EdgeSession.JoinArgs join, ClientMessage.Join resume) {
        String id = Long.toString(sessionIds.incrementAndGet(), 36);
        EdgeSession s = new EdgeSession(id, socket, room, owner, this, join, resume);
        sessions.put(id, s);
        return s.start();
    }

    /** The room's owner, taking the lease (and the room, from Redis) when nobody holds it; null = refused. */
    private Owner route(PeerLink socket, String room, String ref) {
        try {
            if (!watchdog.claim.held()) {
                throw new IllegalStateException("this node's id is not (yet) its own in Redis");
            }
            Owner owner = watchdog.mayAcquire() ? Owner.parse(link.await(leases.acquire(room)))
                    : parseOrNull(link.await(leases.owner(room)));
            if (owner == null) {
                throw new IllegalStateException("Redis just came back; leases are being renewed");
            }
            if (owner.node().equals(nodeId)) {
                takeOver(room, owner);
            }
            return owner;
        } catch (Exception e) {
            LOG.debug("join for room {} refused: {}", room, e.toString());
            socket.send(wire.encodeError(ErrorCode.UNAVAILABLE, "the cluster cannot reach this room now (Redis); retry", ref));
            socket.joinRejected(null);
            return null;
        }
    }

    /** This node holds the lease: re-create the room from the members Redis kept, once. */
    void takeOver(String room, Owner owner) throws Exception {
        if (owned.containsKey(room)) {
            return;
        }
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> running = takingOver.putIfAbsent(room, mine);
        if (running != null) {
            link.await(running);
            return;
        }
        try {
            Map<String, String> stored = link.await(leases.members(room));
            List<MemberState> members = new ArrayList<>();
            for (String state : stored.values()) {
                members.add(json.readValue(state, MemberState.class));
            }
            String deadIncarnation = link.await(leases.incarnation(room));
            if (deadIncarnation != null) {
                // its owner died without closing it: the actor core sees it closed before the new one opens
                registry.closedElsewhere(room, deadIncarnation);
            }
            claiming.put(room, owner);
            if (!members.isEmpty()) {
                registry.restore(room, members);
                LOG.info("took room {} over (lease {}) with {} peers to resume", room, owner.value(), members.size());
            }
            owned.put(room, owner);
            mine.complete(null);
        } catch (Exception e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            claiming.remove(room, owner);
            takingOver.remove(room, mine);
        }
    }

    /** This node's lease of the room is gone (another node holds it): its peers move there. */
    void lost(String room) {
        if (owned.remove(room) == null) {
            return;
        }
        LOG.warn("lost the lease of room {}; its peers are sent to the new owner", room);
        for (RemotePeer p : remotePeers.values()) {
            if (p.room.equals(room)) {
                p.silenced = true;  // their edges re-attach to the new owner by themselves
                remotePeers.remove(p.key(), p);
            }
        }
        registry.moved(room);
    }

    // ---- what rooms this node owns do ----

    /** Fencing on the owner's own side ({@link LeaseClock}): asked on the room actor, no Redis call. */
    @Override
    public OwnerCheck mayActAsOwner(String room) {
        return watchdog.clock.mayAct(room, r -> owned.containsKey(r) || takingOver.containsKey(r));
    }

    /** A join that reached a room of this node after it closed: {@link OwnerSide#joinAgain}. */
    @Override
    public void joinAgain(PeerLink socket, ClientMessage.Join message, String identity, ServerMessage.Grants grants,
                          java.time.Instant tokenExpiresAt, JsonNode tokenMeta) {
        ownerSide.joinAgain(socket, () -> join(socket, message, identity, grants, tokenExpiresAt, tokenMeta), message);
    }

    @Override
    public void memberAttached(String room, MemberState member) {
        Owner o = owned.get(room);
        if (o == null) {
            return;
        }
        try {
            leases.putMember(room, o.value(), member.peerId(), json.writeValueAsString(member));
        } catch (Exception e) {
            LOG.debug("could not store member {} of {}: {}", member.peerId(), room, e.toString());
        }
    }

    @Override
    public void roomCreated(String room, String roomId) {
        Owner held = owned.get(room);
        Owner o = held != null ? held : claiming.get(room);
        if (o != null) {
            ignoreFailure(() -> leases.putIncarnation(room, o.value(), roomId));
        }
    }

    @Override
    public void peerLeft(String room, String peerId, String identity, LeaveReason reason) {
        Owner o = owned.get(room);
        if (o != null && reason != LeaveReason.MOVED) {
            ignoreFailure(() -> leases.removeMember(room, o.value(), peerId));
        }
    }

    @Override
    public void roomClosed(String room, String roomId, CloseReason reason) {
        if (reason == CloseReason.MOVED || registry.localRoom(room) != null) {
            return;
        }
        Owner o = owned.remove(room);
        if (o != null) {
            ignoreFailure(() -> leases.release(room, o.value()));
        }
    }

    private static void ignoreFailure(java.util.function.Supplier<CompletableFuture<?>> call) {
        try {
            call.get();
        } catch (RuntimeException e) {
            LOG.debug("redis write skipped: {}", e.toString());
        }
    }

    // ---- node-to-node messages ----

    void toOwner(EdgeSession s, char type, byte[] body) {
        publish(s.owner().node(), new Envelope(type, nodeId, s.id, s.owner().fence(), body));
    }

    void toEdge(RemotePeer p, char type, byte[] body) {
        publish(p.edge, new Envelope(type, nodeId, p.session, p.fence, body));
    }

    void publish(String node, Envelope e) {
        RoutingMeters m = meters;
        if (m != null && (e.type() == 'S' || e.type() == 'M')) {
            m.relayedSent.increment();
        }
        try {
            link.publish(keys.channel(node), e.encode());
        } catch (RuntimeException ex) {
            LOG.debug("publish to {} failed: {}", node, ex.toString());
        }
    }

    static Owner parseOrNull(String value) {
        return value == null ? null : Owner.parse(value);
    }

    void ended(EdgeSession s) {
        sessions.remove(s.id, s);
    }

    void forget(RemotePeer p) {
        remotePeers.remove(p.key(), p);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        watchdog.close();
        admin.close();
        link.close();
    }
}
