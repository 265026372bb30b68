package io.skyrtc.signaling.room;

/** Which part of a room handles which command; runs on the room's actor, one command at a time. */
final class RoomDispatch implements RoomCommand.Handler {
    private final Room room;
    private final PeerMessages fromPeers;
    private final Resumption resumption;
    private final RoomControl control;

    RoomDispatch(Room room) {
        this.room = room;
        this.fromPeers = new PeerMessages(room);
        this.resumption = new Resumption(room);
        this.control = new RoomControl(room);
    }

    @Override
    public void join(RoomCommand.Join c) {
        room.join(c);
    }

    @Override
    public void resume(RoomCommand.Resume c) {
        resumption.resume(c);
    }

    @Override
    public void refreshIceServers(RoomCommand.RefreshIceServers c) {
        room.iceRefresh.due(room.members.get(c.peerId()), c.generation());
    }

    @Override
    public void fromPeer(RoomCommand.FromPeer c) {
        fromPeers.handle(c.link(), c.message());
    }

    @Override
    public void disconnected(RoomCommand.Disconnected c) {
        room.disconnected(c.link());
    }

    @Override
    public void graceExpired(RoomCommand.GraceExpired c) {
        room.graceExpired(c.peerId(), c.generation());
    }

    @Override
    public void emptyExpired(RoomCommand.EmptyExpired c) {
        room.emptyExpired(c.generation());
    }

    @Override
    public void snapshot(RoomCommand.Snapshot c) {
        c.reply().complete(room.snapshot());
    }

    @Override
    public void kick(RoomCommand.Kick c) {
        c.reply().complete(control.kick(c.peerId(), c.reason()));
    }

    @Override
    public void close(RoomCommand.Close c) {
        c.reply().complete(control.close(c.reason()));
    }

    @Override
    public void serverData(RoomCommand.ServerData c) {
        c.reply().complete(control.serverData(c.to(), c.payload()));
    }

    @Override
    public void restore(RoomCommand.Restore c) {
        room.restore(c.members());
    }

    @Override
    public void moved(RoomCommand.Moved c) {
        room.moved();
    }

    @Override
    public void republish(RoomCommand.Republish c) {
        room.members.all().forEach(p -> room.registry.rememberResumeToken(p, room));
    }

    @Override
    public void stat(RoomCommand.Stat c) {
        c.reply().complete(room.stat());
    }

    @Override
    public void events(RoomCommand.Events c) {
        c.reply().complete(room.journal.entries());
    }

    @Override
    public void drain(RoomCommand.Drain c) {
        control.drain(c.deadlineMs());
    }

    @Override
    public void shutdown(RoomCommand.Shutdown c) {
        room.shutdown();
        c.done().complete(null);
    }

    @Override
    public void ownerConfirmed(RoomCommand.OwnerConfirmed c) {
        room.ownerConfirmed();
    }
}
