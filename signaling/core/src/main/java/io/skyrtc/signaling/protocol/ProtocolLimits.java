package io.skyrtc.signaling.protocol;

/**
 * Size and charset limits checked while parsing, before a message reaches a room.
 *
 * @param maxSdpBytes   UTF-8 bytes of one SDP
 * @param maxNameChars  characters of a display name
 * @param maxMetaBytes  bytes of the serialized {@code meta} object
 * @param maxRoomChars  characters of a room name ({@code [A-Za-z0-9_.~-]})
 * @param maxIdChars    characters of a client message id
 * @param maxJsonDepth  nesting depth of any JSON value
 */
public record ProtocolLimits(
        int maxSdpBytes, int maxNameChars, int maxMetaBytes, int maxRoomChars, int maxIdChars, int maxJsonDepth) {

    /**
     * Digits of one JSON number anywhere in a message (fixed: the parser's limit, named here so the
     * error can state it truthfully). A longer value can travel as a string.
     */
    public static final int MAX_NUMBER_CHARS = 1000;

    public static final ProtocolLimits DEFAULTS = new ProtocolLimits(32 * 1024, 64, 1024, 64, 64, 16);
}
