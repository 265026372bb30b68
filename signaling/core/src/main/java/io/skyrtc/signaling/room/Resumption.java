package io.skyrtc.signaling.room;

import io.skyrtc.signaling.protocol.CloseCodes;
import io.skyrtc.signaling.protocol.ErrorCode;
import io.skyrtc.signaling.protocol.PeerInfo;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A peer coming back with its resume token, on a new connection: re-attached, welcomed again, and
 * sent what it missed. Runs on the room's actor.
 */
final class Resumption {
    private static final Logger LOG = LoggerFactory.getLogger(Room.class);
    private final Room room;

    Resumption(Room room) {
        this.room = room;
    }

    void resume(RoomCommand.Resume r) {
        PeerLink link = r.link();
        RoomRegistry registry = room.registry;
        Peer peer = room.members.withResumeToken(r.message().resume());
        if (room.closed() || peer == null || !room.name().equals(r.message().room())) {
            room.reject(link, ErrorCode.RESUME_INVALID, "resume token unknown, used or expired", r.message().id());
            return;
        }
        if (peer.tokenExpiresAt != null && !Instant.now().isBefore(peer.tokenExpiresAt)) {
            // a resume must not outlive the room token: past its exp the client needs a new token
            room.reject(link, ErrorCode.RESUME_INVALID, "the room token this peer joined with expired at "
                    + peer.tokenExpiresAt + "; join again with a new token", r.message().id());
            if (peer.link == null) {
                // a detached peer that can never resume: the others need not wait out its grace period
                // (nor see it in the welcome of its own fresh join)
                room.removePeer(peer, LeaveReason.TIMEOUT);
            }
            return;
        }
        PeerLink old = peer.link;
        if (old == null) {
            registry.metrics().detachedPeers.decrementAndGet();
        } else {
            // whoever holds the resume token can take a live socket over: legitimate after a network
            // switch, but worth seeing when it happens a lot
            registry.metrics().resumeTakeovers.increment();
            LOG.info("peer {} in room {} (identity {}) resumed on a new connection while its socket was open;"
                    + " the old socket is closed (4003)", peer.peerId, room.name(), peer.identity);
            room.members.detach(old);
            old.close(CloseCodes.REPLACED, "resumed on another connection");
        }
        registry.forgetResumeToken(peer.resumeToken);
        peer.graceGeneration++;
        List<byte[]> resend = framesToResend(peer, r.message().received());
        room.attach(peer, link);
        registry.metrics().resumes.increment();
        registry.metrics().resumeReplayed.increment(resend.size());
        List<PeerInfo> others = room.members.infoExcept(peer);
        room.sendWelcome(peer, others, true);
        for (byte[] frame : resend) {
            room.members.deliver(peer, frame);
        }
        if (registry.drainDeadlineMs() != 0) {
            link.draining(room.drainingNotice(registry.drainDeadlineMs()));
        }
        registry.observer().peerResumed(room.name(), peer.peerId, peer.identity);
        room.journal.add("resume", peer.peerId, "replayed", Integer.toString(resend.size()), link.clientAddress());
    }

    /**
     * What the resumed client has not seen: the frames the old socket swallowed (sent after what
     * the client counted as received), then those queued while detached; in order, each once.
     */
    private List<byte[]> framesToResend(Peer peer, Long receivedByClient) {
        long sent = peer.sentSinceWelcome;
        long received = receivedByClient == null ? sent : Math.min(receivedByClient, sent);
        long lost = sent - received;
        if (lost > peer.recent.size()) {
            // written, swallowed by the dead socket, and already out of the replay ring
            room.registry.metrics().resumeReplayMissed.increment(lost - peer.recent.size());
        }
        List<byte[]> resend = peer.recent.newest((int) Math.min(lost, peer.recent.size()));
        resend.addAll(peer.pending.drain());
        return resend;
    }
}
