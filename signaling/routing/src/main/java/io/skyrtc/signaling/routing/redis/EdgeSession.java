package io.skyrtc.signaling.routing.redis;

import io.skyrtc.signaling.protocol.ClientMessage;
import io.skyrtc.signaling.protocol.CloseCodes;
import io.skyrtc.signaling.protocol.ErrorCode;
import io.skyrtc.signaling.protocol.ServerMessage;
import io.skyrtc.signaling.room.PeerLink;
import io.skyrtc.signaling.room.RemoteRoom;
import io.skyrtc.signaling.room.Room;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;

/**
 * On the node holding a client's socket, the client's session with a room owned by another node. The
 * socket's frames are numbered and kept until the owner acknowledges them, so when the owner changes
 * (it died, or Redis came back) they are sent again to the new one after the session re-attached there
 * with the peer's resume token: nothing the client sent is lost, and the owner drops what it had
 * already handled by number. Frames from the owner are written only while they carry the fence of the
 * owner this session is attached to.
 */
final class EdgeSession implements RemoteRoom {
    /** Client messages kept for re-sending at most; older ones are dropped (and counted). */
    static final int MAX_UNACKED = 4096;
    private static final List<String> ROOM_FRAMES = List.of("peer-joined", "peer-left", "offer", "answer",
            "candidate", "data");

    record JoinArgs(ClientMessage.Join message, String identity, ServerMessage.Grants grants,
                    java.time.Instant tokenExpiresAt, com.fasterxml.jackson.databind.JsonNode tokenMeta) {}

    private record Sent(long seq, ClientMessage message) {}

    final String id;
    final PeerLink socket;
    final String room;
    final Room stub;
    private final RedisRouting routing;
    private final JoinArgs join;
    private final ClientMessage.Join clientResume;
    private final ArrayDeque<Sent> unacked = new ArrayDeque<>();
    // guarded by this
    private volatile Owner owner;
    private boolean flowing;
    private long seq;
    private boolean gone;
    private Room localTarget;
    volatile boolean needsRoute;
    /**
     * Frames were lost on the way here (this node's channel moved to another cluster master): none is written
     * until the re-attach's welcome, so the count it reports is of frames written in order, and the owner
     * replays all that follow, including those that arrived meanwhile.
     */
    private volatile boolean gap;
    private volatile String peerId;
    private volatile String resumeToken;
    private volatile boolean welcomePending = true;
    /** Room frames written to the socket since the last welcome: {@code received} when re-attaching. */
    private volatile long roomFrames;

    EdgeSession(String id, PeerLink socket, String room, Owner owner, RedisRouting routing, JoinArgs join,
                ClientMessage.Join clientResume) {
        this.id = id;
        this.socket = socket;
        this.room = room;
        this.owner = owner;
        this.routing = routing;
        this.join = join;
        this.clientResume = clientResume;
        this.stub = routing.registry().remoteStub(room, this);
    }

    Owner owner() {
        return owner;
    }

    synchronized Room start() {
        flowing = true;
        sendAttach();
        return stub;
    }

    private void sendAttach() {
        if (peerId != null && resumeToken != null) {
            routing.toOwner(this, 'R', routing.wire.encodeJoin(new ClientMessage.Join(null, room, null, null, resumeToken,
                    null, roomFrames)));
        } else if (clientResume != null) {
            routing.toOwner(this, 'R', routing.wire.encodeJoin(clientResume));
        } else {
            routing.toOwner(this, 'J', routing.wire.encodeJoinArgs(join));
        }
    }

    @Override
    public synchronized void fromPeer(PeerLink link, ClientMessage message) {
        if (localTarget != null) {
            routing.registry().fromPeer(localTarget, link, message);
            return;
        }
        if (gone) {
            return;
        }
        long n = ++seq;
        unacked.addLast(new Sent(n, message));
        if (unacked.size() > MAX_UNACKED) {
            unacked.removeFirst();
            routing.unackedDrops.incrementAndGet();
        }
        if (flowing) {
            routing.toOwner(this, 'M', routing.wire.encodeMessage(n, message));
        }
    }

    @Override
    public synchronized void disconnected(PeerLink link) {
        if (localTarget != null) {
            routing.registry().disconnected(localTarget, link);
            return;
        }
        if (!gone) {
            gone = true;
            routing.toOwner(this, 'D', new byte[0]);
            routing.ended(this);
        }
    }

    /** A frame from the owner; refused unless it comes from the owner (and lease) this session is attached to. */
    void frame(String from, long fence, byte[] frame) {
        Owner o = owner;
        if (fence != o.fence() || !from.equals(o.node())) {
            routing.staleFrames.incrementAndGet();
            return;
        }
        String type = typeOf(frame);
        if (gap) {
            if (!type.equals("welcome")) {
                return;  // replayed after the welcome
            }
            gap = false;
        }
        if (type.equals("welcome")) {
            resumeToken = routing.wire.resumeTokenOf(frame);
            roomFrames = 0;
        } else if (ROOM_FRAMES.contains(type)) {
            roomFrames++;
        }
        socket.send(frame);
        if (type.equals("welcome") && routing.draining()) {
            socket.send(routing.wire.encodeDraining(routing.registry().drainDeadlineMs()));
        }
    }

    synchronized void attached(String from, long fence, String peerId) {
        Owner o = owner;
        if (fence != o.fence() || !from.equals(o.node()) || gone) {
            return;
        }
        this.peerId = peerId;
        if (!flowing) {
            flowing = true;
            for (Sent s : unacked) {
                routing.toOwner(this, 'M', routing.wire.encodeMessage(s.seq(), s.message()));
            }
        }
        socket.attached(stub, peerId);
    }

    synchronized void refused(String from, String reason) {
        if (gone || !from.equals(owner.node())) {
            return;
        }
        if (reason.equals("not-owner")) {
            needsRoute = true;  // the watchdog routes it again
            return;
        }
        gone = true;
        routing.ended(this);
        if (peerId != null) {
            // the new owner did not know the peer (its membership was lost): the client starts over
            socket.send(routing.wire.encodeError(ErrorCode.RESUME_INVALID, "the room lost this peer while it moved; join again"));
            socket.close(CloseCodes.SERVICE_RESTART, "room-moved");
        } else {
            if (reason.equals("resume-invalid")) {
                socket.send(routing.wire.encodeError(ErrorCode.RESUME_INVALID, "resume token unknown, used or expired"));
            }
            socket.joinRejected(null);
        }
    }

    void closedByOwner(String from, int code, String reason) {
        if (!from.equals(owner.node())) {
            return;
        }
        synchronized (this) {
            gone = true;
        }
        routing.ended(this);
        socket.close(code, reason);
    }

    /** Frames for this session may have been lost: it re-attaches at the watchdog's next tick. */
    void framesLost() {
        gap = true;
        needsRoute = true;
    }

    synchronized void acked(long upTo) {
        while (!unacked.isEmpty() && unacked.peekFirst().seq() <= upTo) {
            unacked.removeFirst();
        }
    }

    /** The room's owner is now another node (or the same one after Redis came back): attach there again. */
    synchronized void moveTo(Owner next) {
        if (gone || localTarget != null) {
            return;
        }
        owner = next;
        needsRoute = false;
        flowing = false;
        welcomePending = true;
        sendAttach();
    }

    /** This node took the room over: the socket talks to the local room actor from now on. */
    synchronized void moveHere() {
        if (gone || localTarget != null) {
            return;
        }
        gone = true;
        routing.ended(this);
        Room r;
        if (peerId != null && resumeToken != null) {
            r = routing.registry().resumeHere(socket, new ClientMessage.Join(null, room, null, null, resumeToken, null,
                    roomFrames));
        } else if (clientResume != null) {
            r = routing.registry().resumeHere(socket, clientResume);
        } else {
            r = routing.registry().joinHere(socket, join.message(), join.identity(), join.grants(), join.tokenExpiresAt(),
                    join.tokenMeta());
        }
        if (r == null) {
            socket.send(routing.wire.encodeError(ErrorCode.RESUME_INVALID, "the room lost this peer while it moved; join again"));
            socket.close(CloseCodes.SERVICE_RESTART, "room-moved");
            return;
        }
        localTarget = r;
        for (Sent s : unacked) {
            routing.registry().fromPeer(r, socket, s.message());
        }
        unacked.clear();
    }

    /** The {@code type} of a frame the server encoded: it always comes first. */
    static String typeOf(byte[] frame) {
        int start = 9;  // {"type":"
        if (frame.length <= start || frame[0] != '{') {
            return "";
        }
        int end = start;
        while (end < frame.length && frame[end] != '"') {
            end++;
        }
        return new String(frame, start, end - start, StandardCharsets.US_ASCII);
    }
}
