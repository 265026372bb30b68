package io.skyrtc.signaling.actorcore;

import io.skyrtc.signaling.room.RoomRegistry;
import java.util.concurrent.CompletableFuture;

/**
 * Runs a {@link CoreCommand} on the rooms (each on its room's actor; on the caller's thread when the
 * room is idle) and answers with its typed {@link CoreResult}, or fails with {@link CoreFailure}
 * not-found. In multi-node mode a room served elsewhere is asked on its owner.
 */
public final class CoreCommandRunner implements CoreCommand.Visitor<CompletableFuture<CoreResult>> {
    private final RoomRegistry rooms;

    public CoreCommandRunner(RoomRegistry rooms) {
        this.rooms = rooms;
    }

    public CompletableFuture<CoreResult> run(CoreCommand command) {
        return command.accept(this);
    }

    @Override
    public CompletableFuture<CoreResult> kick(CoreCommand.Kick c) {
        return rooms.kick(c.room(), c.peer(), c.reason()).thenApply(found -> {
            if (!found) {
                throw CoreFailure.notFound("no peer " + c.peer() + " in room " + c.room());
            }
            return new CoreResult.Kicked(c.peer());
        });
    }

    @Override
    public CompletableFuture<CoreResult> closeRoom(CoreCommand.CloseRoom c) {
        return rooms.closeRoom(c.room(), c.reason()).thenApply(n -> {
            if (n < 0) {
                throw CoreFailure.notFound("no room " + c.room());
            }
            return new CoreResult.Closed(n);
        });
    }

    @Override
    public CompletableFuture<CoreResult> send(CoreCommand.Send c) {
        return rooms.sendData(c.room(), c.to(), c.payload()).thenApply(n -> {
            if (n < 0) {
                throw CoreFailure.notFound("no room " + c.room());
            }
            if (c.to() != null && n == 0) {
                throw CoreFailure.notFound("no peer " + c.to() + " in room " + c.room());
            }
            return new CoreResult.Delivered(n);
        });
    }

    @Override
    public CompletableFuture<CoreResult> listRooms(CoreCommand.ListRooms c) {
        return CompletableFuture.completedFuture(new CoreResult.Rooms(rooms.roomNames()));
    }

    @Override
    public CompletableFuture<CoreResult> roomInfo(CoreCommand.RoomInfo c) {
        return rooms.snapshot(c.room()).thenApply(s -> {
            if (s == null) {
                throw CoreFailure.notFound("no room " + c.room());
            }
            return new CoreResult.Info(s);
        });
    }
}
