package io.skyrtc.signaling.room;

import com.fasterxml.jackson.databind.JsonNode;
import io.skyrtc.signaling.protocol.PeerInfo;
import io.skyrtc.signaling.protocol.ServerMessage;

/** A member of a room; owned by the room actor, never touched by another thread. */
final class Peer {
    final String peerId;
    final String name;
    final JsonNode meta;
    final String identity;
    final ServerMessage.Grants grants;
    /** When the room token it joined with expires (null: joined without one); no resume after that. */
    final java.time.Instant tokenExpiresAt;
    final PeerInfo info;
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

    Peer(String peerId, String name, JsonNode meta, String identity, ServerMessage.Grants grants,
         java.time.Instant tokenExpiresAt, RoomSettings settings) {
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
}
