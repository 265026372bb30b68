package io.skyrtc.signaling.room;

import io.skyrtc.signaling.metrics.SignalingMetrics;
import io.skyrtc.signaling.protocol.PeerInfo;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A room's peers (in join order) and which connection each is on, and how a frame reaches one or
 * all of them. Touched only on the room's actor.
 */
final class RoomMembers {
    private final Map<String, Peer> peers = new LinkedHashMap<>();
    private final Map<PeerLink, Peer> byLink = new IdentityHashMap<>();
    private final SignalingMetrics metrics;

    RoomMembers(SignalingMetrics metrics) {
        this.metrics = metrics;
    }

    Peer get(String peerId) {
        return peers.get(peerId);
    }

    boolean contains(String peerId) {
        return peers.containsKey(peerId);
    }

    /** The peer on that connection, or null (never joined here, or detached from it). */
    Peer on(PeerLink link) {
        return byLink.get(link);
    }

    boolean isAttached(PeerLink link) {
        return byLink.containsKey(link);
    }

    Peer withResumeToken(String token) {
        for (Peer p : peers.values()) {
            if (token.equals(p.resumeToken)) {
                return p;
            }
        }
        return null;
    }

    void add(Peer peer) {
        peers.put(peer.peerId, peer);
    }

    /** True when it was a member. */
    boolean remove(Peer peer) {
        return peers.remove(peer.peerId) != null;
    }

    void attach(Peer peer, PeerLink link) {
        peer.link = link;
        byLink.put(link, peer);
    }

    /** The connection no longer speaks for its peer; returns that peer, or null. */
    Peer detach(PeerLink link) {
        return byLink.remove(link);
    }

    void clear() {
        peers.clear();
        byLink.clear();
    }

    boolean isEmpty() {
        return peers.isEmpty();
    }

    int size() {
        return peers.size();
    }

    int attached() {
        return byLink.size();
    }

    Collection<Peer> all() {
        return peers.values();
    }

    /** What a welcome lists: every peer but {@code self} (null: everyone). */
    List<PeerInfo> infoExcept(Peer self) {
        List<PeerInfo> list = new ArrayList<>(peers.size());
        for (Peer p : peers.values()) {
            if (p != self) {
                list.add(p.info);
            }
        }
        return list;
    }

    /**
     * A room frame to one peer: written (and kept for a replay on resume) when attached, queued
     * while detached (the oldest dropped past the queue's limit).
     */
    void deliver(Peer target, byte[] text) {
        if (target.link != null) {
            target.link.send(text);
            target.sentSinceWelcome++;
            target.recent.add(text);
            return;
        }
        int dropped = target.pending.add(text);
        if (dropped > 0) {
            metrics.resumeQueueDrops.increment(dropped);
        }
    }

    /** A room frame to every peer but {@code except} (null: to all). */
    void broadcast(Peer except, byte[] text) {
        for (Peer p : peers.values()) {
            if (p != except) {
                deliver(p, text);
            }
        }
    }

    List<RoomSnapshot.Member> snapshot() {
        List<RoomSnapshot.Member> members = new ArrayList<>(peers.size());
        for (Peer p : peers.values()) {
            members.add(new RoomSnapshot.Member(p.peerId, p.name, p.identity, p.link != null));
        }
        return members;
    }
}
