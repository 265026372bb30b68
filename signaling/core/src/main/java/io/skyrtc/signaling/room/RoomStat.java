package io.skyrtc.signaling.room;

/**
 * One room actor's figures for {@code admin stat}, as skynet's {@code stat} shows a service's: messages
 * handled, mailbox length, and busy time (wall clock spent handling messages, measured per mailbox
 * turn; on an overloaded host it includes time the thread waited for a core).
 */
public record RoomStat(String room, int peers, int attached, long handled, int mailbox, long busyMs) {}
