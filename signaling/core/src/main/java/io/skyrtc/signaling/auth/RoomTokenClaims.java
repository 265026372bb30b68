package io.skyrtc.signaling.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.skyrtc.signaling.protocol.ServerMessage;
import java.time.Instant;

/**
 * What a verified room token says: who ({@code sub}), where ({@code room}), until when, may do what,
 * and, when it names them, the display {@code name} and {@code meta} object the peer shows (null when
 * absent).
 */
public record RoomTokenClaims(String room, String identity, String name, Instant expiresAt,
                              ServerMessage.Grants grants, JsonNode meta) {

    public RoomTokenClaims(String room, String identity, String name, Instant expiresAt, ServerMessage.Grants grants) {
        this(room, identity, name, expiresAt, grants, null);
    }
}
