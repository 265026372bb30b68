package io.skyrtc.signaling.auth;

import io.skyrtc.signaling.protocol.ServerMessage;
import java.time.Instant;

/** What a verified room token says: who ({@code sub}), where ({@code room}), until when, and may do what. */
public record RoomTokenClaims(String room, String identity, String name, Instant expiresAt,
                              ServerMessage.Grants grants) {}
