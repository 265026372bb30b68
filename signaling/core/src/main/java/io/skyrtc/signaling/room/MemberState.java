package io.skyrtc.signaling.room;

import com.fasterxml.jackson.databind.JsonNode;
import io.skyrtc.signaling.protocol.ServerMessage;

/**
 * What another node needs to re-create a peer of a room whose owner died: who it is and the resume
 * token it may come back with. Written to Redis by the owner each time the peer attaches.
 *
 * @param tokenMeta        the room token's meta claim (null: none): keys an update cannot change
 * @param tokenExpiresAtMs epoch ms of the room token's exp (null: joined without a token)
 */
public record MemberState(String peerId, String name, JsonNode meta, JsonNode tokenMeta, String identity, ServerMessage.Grants grants,
                          Long tokenExpiresAtMs, String resumeToken) {

    static MemberState of(Peer p) {
        return new MemberState(p.peerId, p.name, p.meta, p.tokenMeta, p.identity, p.grants,
                p.tokenExpiresAt == null ? null : p.tokenExpiresAt.toEpochMilli(), p.resumeToken);
    }

    Peer toPeer(RoomSettings settings) {
        Peer p = new Peer(peerId, name, meta, tokenMeta, identity, grants,
                tokenExpiresAtMs == null ? null : java.time.Instant.ofEpochMilli(tokenExpiresAtMs), settings);
        p.resumeToken = resumeToken;
        return p;
    }
}
