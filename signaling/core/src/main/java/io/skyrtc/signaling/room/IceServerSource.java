package io.skyrtc.signaling.room;

import io.skyrtc.signaling.protocol.ServerMessage;
import java.util.List;

/** Supplies the iceServers for one peer's welcome, and fresh ones before their credentials expire. */
@FunctionalInterface
public interface IceServerSource {
    List<ServerMessage.IceServer> forPeer(String room, String peerId, String identity);

    /** How long after handing out iceServers fresh ones are pushed ({@code ice-servers}); 0 = never. */
    default long refreshAfterMs() {
        return 0;
    }
}
