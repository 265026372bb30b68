package io.skyrtc.signaling.room;

import io.skyrtc.signaling.protocol.ServerMessage;

/**
 * What rooms need from the configuration.
 *
 * @param limits sent to every client in {@code welcome.limits}
 * @param eventLogSize entries each room keeps for {@code admin events} (rooms.eventLogSize)
 */
public record RoomSettings(
        int maxPeersPerRoom,
        int maxRooms,
        long emptyRoomTtlMs,
        long resumeGraceMs,
        int resumeQueueMax,
        int resumeQueueMaxBytes,
        long pingIntervalMs,
        ServerMessage.LimitsInfo limits,
        int eventLogSize) {}
