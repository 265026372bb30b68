package io.skyrtc.signaling.room;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.skyrtc.signaling.protocol.PeerInfo;
import io.skyrtc.signaling.protocol.ServerMessage;

/** A member of a room; owned by the room actor, never touched by another thread. */
final class Peer {
    final String peerId;
    final String name;
    /** What the others see: the join's meta, then the latest update's (with the token's keys kept). */
    JsonNode meta;
    /** The room token's meta claim (null: none); an update cannot change its keys. */
    final JsonNode tokenMeta;
    final String identity;
    final ServerMessage.Grants grants;
    /** When the room token it joined with expires (null: joined without one); no resume after that. */
    final java.time.Instant tokenExpiresAt;
    PeerInfo info;
    /** Counts attaches: a pending iceServers refresh from an earlier welcome is ignored. */
    long iceGeneration;
    /** Null while detached (socket dropped, within the resume grace period). */
    PeerLink link;
    String resumeToken;
    long graceGeneration;
    /** Frames addressed to this peer while detached, delivered in order on resume. */
    final FrameRing pending;
    /**
     * The last room frames written to the socket (rooms.resumeQueueMax / resumeQueueMaxBytes): a
     * socket can die with frames in flight before the server notices, so resume replays what the
     * client did not get.
     */
    final FrameRing recent;
    /** Room frames written to the socket since the last welcome; what the client counts too. */
    long sentSinceWelcome;

    Peer(String peerId, String name, JsonNode meta, JsonNode tokenMeta, String identity,
         ServerMessage.Grants grants, java.time.Instant tokenExpiresAt, RoomSettings settings) {
        this.tokenMeta = tokenMeta;
        this.tokenExpiresAt = tokenExpiresAt;
        this.peerId = peerId;
        this.name = name;
        this.meta = meta;
        this.identity = identity;
        this.grants = grants;
        this.info = new PeerInfo(peerId, name, meta);
        this.pending = new FrameRing(settings.resumeQueueMax(), settings.resumeQueueMaxBytes());
        this.recent = new FrameRing(settings.resumeQueueMax(), settings.resumeQueueMaxBytes());
    }

    /** Takes the meta of an {@code update}; the token's meta keys win over the client's. */
    PeerInfo update(JsonNode clientMeta) {
        if (tokenMeta instanceof ObjectNode fixed && clientMeta instanceof ObjectNode own) {
            ObjectNode merged = own.deepCopy();
            merged.setAll(fixed);
            clientMeta = merged;
        }
        meta = clientMeta;
        info = new PeerInfo(peerId, name, meta);
        return info;
    }
}
