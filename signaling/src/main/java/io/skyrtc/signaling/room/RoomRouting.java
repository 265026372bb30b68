package io.skyrtc.signaling.room;

import io.skyrtc.signaling.protocol.ClientMessage;
import io.skyrtc.signaling.protocol.ServerMessage;

/**
 * Where joins go when several nodes serve the same rooms (multi-node mode, docs/SCALING.md). Installed
 * with {@link RoomRegistry#routeWith}; without one the registry serves every room itself, as a single
 * node. It also hears what rooms do (as a {@link RoomObserver}) to keep the room's membership where other
 * nodes can find it.
 */
public interface RoomRouting extends RoomObserver {

    /** A verified join from a local connection: the room (or a stand-in for a remote one), or null when refused (the link was told). */
    Room join(PeerLink link, ClientMessage.Join message, String identity, ServerMessage.Grants grants,
              java.time.Instant tokenExpiresAt);

    /** A resume from a local connection; null when refused. */
    Room resume(PeerLink link, ClientMessage.Join message);

    /** A peer of a room this node owns attached (joined or resumed): {@code member} carries its new resume token. */
    void memberAttached(String room, MemberState member);
}
