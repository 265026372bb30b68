package io.skyrtc.signaling.room;

import io.skyrtc.signaling.protocol.ClientMessage;
import io.skyrtc.signaling.protocol.ServerMessage;
import java.util.List;

/**
 * Where joins go when several nodes serve the same rooms (multi-node mode, docs/SCALING.md). Installed
 * with {@link RoomRegistry#routeWith}; without one the registry serves every room itself, as a single
 * node. It also hears what rooms do (as a {@link RoomObserver}) to keep the room's membership where other
 * nodes can find it.
 */
public interface RoomRouting extends RoomObserver {

    /** A verified join from a local connection: the room (or a stand-in for a remote one), or null when refused (the link was told). */
    Room join(PeerLink link, ClientMessage.Join message, String identity, ServerMessage.Grants grants,
              java.time.Instant tokenExpiresAt, com.fasterxml.jackson.databind.JsonNode tokenMeta);

    /** A resume from a local connection; null when refused (the client already told why). */
    Room resume(PeerLink link, ClientMessage.Join message);

    /**
     * An admin or actor-core command ({@code kick}, {@code close}, {@code send}, {@code snapshot},
     * {@code events}) for a room
     * this node does not serve: run on the room's owner; completes with its result as JSON, or null when
     * no node has the room.
     */
    java.util.concurrent.CompletableFuture<com.fasterxml.jackson.databind.JsonNode> elsewhere(String room, String op,
            com.fasterxml.jackson.databind.node.ObjectNode args);

    /** Every room of the cluster ({@code local}: this node's, all there is when the cluster cannot be read). */
    List<String> clusterRooms(List<String> local);

    /** A peer of a room this node owns attached (joined or resumed): {@code member} carries its new resume token. */
    void memberAttached(String room, MemberState member);

    /** What a room may do with what its connections send ({@link #mayActAsOwner}). */
    enum OwnerCheck {
        /** The node's leases are confirmed and this room's is one of them: handle it. */
        ACT,
        /** The node cannot confirm its leases now: hold it until {@link RoomRegistry#ownerConfirmed}. */
        HOLD,
        /**
         * The leases are confirmed but this room's is not among them (it closed and its lease went, or the lease
         * was let go while the room opened): the room dismisses its peers ({@code unavailable}, 1012), so they
         * join or resume again through the routing.
         */
        NOT_OWNER
    }

    /**
     * Whether this node may act as the room's owner right now: its lease is confirmed (or Redis is down and
     * the node was not frozen meanwhile). Asked on the room's actor for every command a connection sends; must
     * be cheap (no Redis call). While {@code HOLD} the room holds those commands, and the routing tells it with
     * {@link RoomRegistry#ownerConfirmed} once it may act again.
     */
    default OwnerCheck mayActAsOwner(String room) {
        return OwnerCheck.ACT;
    }

    /**
     * A join that reached a room of this node after the room closed (its lease went with it): routed again as
     * a new join, never served by a room opened here without a lease. Called on the closed room's actor, so an
     * implementation that asks Redis does so on another thread. The default routes it at once.
     */
    default void joinAgain(PeerLink link, ClientMessage.Join message, String identity, ServerMessage.Grants grants,
                           java.time.Instant tokenExpiresAt, com.fasterxml.jackson.databind.JsonNode tokenMeta) {
        join(link, message, identity, grants, tokenExpiresAt, tokenMeta);
    }
}
