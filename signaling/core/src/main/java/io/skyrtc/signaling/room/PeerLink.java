package io.skyrtc.signaling.room;

/**
 * The room's view of one client connection. Implementations must not block: sends are queued and
 * a connection whose queue overflows is closed by the connection itself.
 */
public interface PeerLink {

    /**
     * Queue one already-encoded text frame (UTF-8 JSON). The array may be shared with other peers
     * (a broadcast is encoded once) and must not be modified.
     */
    void send(byte[] frame);

    /**
     * This node drains: the {@code draining} notice (not a room frame). A peer whose socket is on another node
     * ignores it: the notice is about the node holding the socket.
     */
    default void draining(byte[] notice) {
        send(notice);
    }

    /** Close the socket with a WebSocket close code. */
    void close(int code, String reason);

    /** Called by the room (on its thread) once a join or resume was accepted. */
    void attached(Room room, String peerId);

    /** Called by the room when a join or resume was refused; the connection may join again. */
    void joinRejected(Room room);

    /** The client's address for the logs (behind server.trustedProxies: the forwarded one); null if unknown. */
    default String clientAddress() {
        return null;
    }
}
