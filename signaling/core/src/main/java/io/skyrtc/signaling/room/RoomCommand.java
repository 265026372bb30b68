package io.skyrtc.signaling.room;

import com.fasterxml.jackson.databind.JsonNode;
import io.skyrtc.signaling.protocol.ClientMessage;
import io.skyrtc.signaling.protocol.ServerMessage;
import java.util.concurrent.CompletableFuture;

/**
 * What a room actor is told; handled one at a time in {@link Room}. Dispatch is exhaustive: a new
 * command does not compile until {@link Handler} (and so the room) handles it.
 */
sealed interface RoomCommand {

    void accept(Handler h);

    /** One method per command; the room's is {@link RoomDispatch}. */
    interface Handler {
        void join(Join c);

        void resume(Resume c);

        void refreshIceServers(RefreshIceServers c);

        void fromPeer(FromPeer c);

        void disconnected(Disconnected c);

        void graceExpired(GraceExpired c);

        void emptyExpired(EmptyExpired c);

        void snapshot(Snapshot c);

        void kick(Kick c);

        void close(Close c);

        void serverData(ServerData c);

        void restore(Restore c);

        void moved(Moved c);

        void republish(Republish c);

        void stat(Stat c);

        void events(Events c);

        void drain(Drain c);

        void shutdown(Shutdown c);

        void ownerConfirmed(OwnerConfirmed c);
    }

    /**
     * What a connection sent the room (join, resume, a message, its close). Multi-node: held, in order, while
     * the node cannot confirm it still owns the room ({@link HeldCommands}).
     */
    sealed interface FromConnection extends RoomCommand permits Join, Resume, FromPeer, Disconnected {
        PeerLink link();
    }

    /** The room failed while handling this command: whoever waits on it gets an answer, never silence. */
    default void failed(Throwable cause) {}

    /**
     * A verified join; identity and grants come from the token (or dev defaults), and so does
     * {@code tokenExpiresAt} (null without a token): a resume is refused after it. {@code tokenMeta}: the
     * token's meta claim (null: none), kept over any {@code update}.
     */
    record Join(PeerLink link, ClientMessage.Join message, String identity, ServerMessage.Grants grants,
                java.time.Instant tokenExpiresAt, JsonNode tokenMeta) implements FromConnection {
        @Override
        public void accept(Handler h) {
            h.join(this);
        }
    }

    /** Re-attach a detached (or half-open) peer with its resume token. */
    record Resume(PeerLink link, ClientMessage.Join message) implements FromConnection {
        @Override
        public void accept(Handler h) {
            h.resume(this);
        }
    }

    /** Time to push fresh iceServers to a peer (its credentials near expiry); stale generations are ignored. */
    record RefreshIceServers(String peerId, long generation) implements RoomCommand {
        @Override
        public void accept(Handler h) {
            h.refreshIceServers(this);
        }
    }

    /** offer, answer, candidate, data, update or leave from a connection that sent its join here. */
    record FromPeer(PeerLink link, ClientMessage message) implements FromConnection {
        @Override
        public void accept(Handler h) {
            h.fromPeer(this);
        }
    }

    /** The socket closed without {@code leave}. */
    record Disconnected(PeerLink link) implements FromConnection {
        @Override
        public void accept(Handler h) {
            h.disconnected(this);
        }
    }

    record GraceExpired(String peerId, long generation) implements RoomCommand {
        @Override
        public void accept(Handler h) {
            h.graceExpired(this);
        }
    }

    record EmptyExpired(long generation) implements RoomCommand {
        @Override
        public void accept(Handler h) {
            h.emptyExpired(this);
        }
    }

    record Snapshot(CompletableFuture<RoomSnapshot> reply) implements RoomCommand {

        @Override
        public void accept(Handler h) {
            h.snapshot(this);
        }
        @Override
        public void failed(Throwable cause) {
            reply.completeExceptionally(cause);
        }
    }

    /** From the actor core: remove a peer (it is told, its socket closed); replies whether it was here. */
    record Kick(String peerId, String reason, CompletableFuture<Boolean> reply) implements RoomCommand {

        @Override
        public void accept(Handler h) {
            h.kick(this);
        }
        @Override
        public void failed(Throwable cause) {
            reply.completeExceptionally(cause);
        }
    }

    /** From the actor core: remove every peer and close the room; replies with how many were removed. */
    record Close(String reason, CompletableFuture<Integer> reply) implements RoomCommand {

        @Override
        public void accept(Handler h) {
            h.close(this);
        }
        @Override
        public void failed(Throwable cause) {
            reply.completeExceptionally(cause);
        }
    }

    /** From the actor core: {@code data} from "server" to one peer or all; replies with how many got it. */
    record ServerData(String to, JsonNode payload, CompletableFuture<Integer> reply) implements RoomCommand {

        @Override
        public void accept(Handler h) {
            h.serverData(this);
        }
        @Override
        public void failed(Throwable cause) {
            reply.completeExceptionally(cause);
        }
    }

    /** Multi-node: add the peers a dead owner kept in Redis, detached (they resume here). */
    record Restore(java.util.List<MemberState> members) implements RoomCommand {
        @Override
        public void accept(Handler h) {
            h.restore(this);
        }
    }

    /** Multi-node: another node owns the room now; peers reconnect (1012) and resume there. */
    record Moved() implements RoomCommand {
        @Override
        public void accept(Handler h) {
            h.moved(this);
        }
    }

    /** Multi-node: write every member's state to Redis again. */
    record Republish() implements RoomCommand {
        @Override
        public void accept(Handler h) {
            h.republish(this);
        }
    }

    /** For admin stat: the room's figures. */
    record Stat(CompletableFuture<RoomStat> reply) implements RoomCommand {

        @Override
        public void accept(Handler h) {
            h.stat(this);
        }
        @Override
        public void failed(Throwable cause) {
            reply.completeExceptionally(cause);
        }
    }

    /** For admin events: the room's journal. */
    record Events(CompletableFuture<java.util.List<RoomJournal.Entry>> reply) implements RoomCommand {

        @Override
        public void accept(Handler h) {
            h.events(this);
        }
        @Override
        public void failed(Throwable cause) {
            reply.completeExceptionally(cause);
        }
    }

    /** The node drains: tell every peer the deadline; joins are refused from now on. */
    record Drain(long deadlineMs) implements RoomCommand {
        @Override
        public void accept(Handler h) {
            h.drain(this);
        }
    }

    /** Tell every peer the server is going away and close their sockets. */
    record Shutdown(CompletableFuture<Void> done) implements RoomCommand {

        @Override
        public void accept(Handler h) {
            h.shutdown(this);
        }
        @Override
        public void failed(Throwable cause) {
            done.complete(null);  // the peers were dismissed all the same
        }
    }

    /** Multi-node: the node confirmed it still owns the room; what the room held is handled now, in order. */
    record OwnerConfirmed() implements RoomCommand {
        @Override
        public void accept(Handler h) {
            h.ownerConfirmed(this);
        }
    }
}
