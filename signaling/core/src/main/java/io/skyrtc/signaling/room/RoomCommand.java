package io.skyrtc.signaling.room;

import com.fasterxml.jackson.databind.JsonNode;
import io.skyrtc.signaling.protocol.ClientMessage;
import io.skyrtc.signaling.protocol.ServerMessage;
import java.util.concurrent.CompletableFuture;

/** What a room actor is told; handled one at a time in {@link Room}. */
sealed interface RoomCommand {

    /** The room failed while handling this command: whoever waits on it gets an answer, never silence. */
    default void failed(Throwable cause) {}

    /**
     * A verified join; identity and grants come from the token (or dev defaults), and so does
     * {@code tokenExpiresAt} (null without a token): a resume is refused after it. {@code tokenMeta}: the
     * token's meta claim (null: none), kept over any {@code update}.
     */
    record Join(PeerLink link, ClientMessage.Join message, String identity, ServerMessage.Grants grants,
                java.time.Instant tokenExpiresAt, JsonNode tokenMeta) implements RoomCommand {}

    /** Re-attach a detached (or half-open) peer with its resume token. */
    record Resume(PeerLink link, ClientMessage.Join message) implements RoomCommand {}

    /** Time to push fresh iceServers to a peer (its credentials near expiry); stale generations are ignored. */
    record RefreshIceServers(String peerId, long generation) implements RoomCommand {}

    /** offer, answer, candidate, data, update or leave from a connection that sent its join here. */
    record FromPeer(PeerLink link, ClientMessage message) implements RoomCommand {}

    /** The socket closed without {@code leave}. */
    record Disconnected(PeerLink link) implements RoomCommand {}

    record GraceExpired(String peerId, long generation) implements RoomCommand {}

    record EmptyExpired(long generation) implements RoomCommand {}

    record Snapshot(CompletableFuture<RoomSnapshot> reply) implements RoomCommand {
        @Override
        public void failed(Throwable cause) {
            reply.completeExceptionally(cause);
        }
    }

    /** From the actor core: remove a peer (it is told, its socket closed); replies whether it was here. */
    record Kick(String peerId, String reason, CompletableFuture<Boolean> reply) implements RoomCommand {
        @Override
        public void failed(Throwable cause) {
            reply.completeExceptionally(cause);
        }
    }

    /** From the actor core: remove every peer and close the room; replies with how many were removed. */
    record Close(String reason, CompletableFuture<Integer> reply) implements RoomCommand {
        @Override
        public void failed(Throwable cause) {
            reply.completeExceptionally(cause);
        }
    }

    /** From the actor core: {@code data} from "server" to one peer or all; replies with how many got it. */
    record ServerData(String to, JsonNode payload, CompletableFuture<Integer> reply) implements RoomCommand {
        @Override
        public void failed(Throwable cause) {
            reply.completeExceptionally(cause);
        }
    }

    /** Multi-node: add the peers a dead owner kept in Redis, detached (they resume here). */
    record Restore(java.util.List<MemberState> members) implements RoomCommand {}

    /** Multi-node: another node owns the room now; peers reconnect (1012) and resume there. */
    record Moved() implements RoomCommand {}

    /** Multi-node: write every member's state to Redis again. */
    record Republish() implements RoomCommand {}

    /** For admin stat: the room's figures. */
    record Stat(CompletableFuture<RoomStat> reply) implements RoomCommand {
        @Override
        public void failed(Throwable cause) {
            reply.completeExceptionally(cause);
        }
    }

    /** For admin events: the room's journal. */
    record Events(CompletableFuture<java.util.List<RoomJournal.Entry>> reply) implements RoomCommand {
        @Override
        public void failed(Throwable cause) {
            reply.completeExceptionally(cause);
        }
    }

    /** The node drains: tell every peer the deadline; joins are refused from now on. */
    record Drain(long deadlineMs) implements RoomCommand {}

    /** Tell every peer the server is going away and close their sockets. */
    record Shutdown(CompletableFuture<Void> done) implements RoomCommand {
        @Override
        public void failed(Throwable cause) {
            done.complete(null);  // the peers were dismissed all the same
        }
    }
}
