package io.skyrtc.signaling.room;

import io.skyrtc.signaling.protocol.ServerMessage;
import java.util.List;

/** Supplies the iceServers for one peer's welcome (static list now, fresh TURN credentials later). */
@FunctionalInterface
public interface IceServerSource {
    List<ServerMessage.IceServer> forPeer(String room, String peerId, String identity);
}
