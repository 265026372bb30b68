package io.skyrtc.signaling.routing.redis;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What arrives on this node's channel, on the subscriber thread, in the order Redis delivered it: each
 * {@link Envelope} type to the part of the routing it is for (docs/SCALING.md lists the types).
 */
final class Inbox {
    private static final Logger LOG = LoggerFactory.getLogger(Inbox.class);

    private final RedisRouting r;
    private final OwnerSide ownerSide;
    private final Watchdog watchdog;

    Inbox(RedisRouting routing, OwnerSide ownerSide, Watchdog watchdog) {
        this.r = routing;
        this.ownerSide = ownerSide;
        this.watchdog = watchdog;
    }

    void onMessage(byte[] raw) {
        if (!watchdog.claim.held()) {
            return;  // the channel of a node id another process holds (or held until just now) is not ours
        }
        try {
            Envelope e = Envelope.decode(raw);
            RoutingMeters m = r.meters;
            if (m != null && (e.type() == 'S' || e.type() == 'M')) {
                m.relayedReceived.increment();
            }
            switch (e.type()) {
                case 'J', 'R', 'M', 'D' -> ownerSide.fromEdge(e);
                case 'S', 'A', 'X', 'C' -> fromOwner(e);
                case 'K' -> acks(e);
                case 'Q', 'P' -> r.admin.onMessage(e);
                case 'B' -> r.barrier.arrived(e.session());
                case 'H' -> watchdog.nudge();  // a draining owner let a room of our sessions go
                default -> LOG.debug("unknown envelope type {}", e.type());
            }
        } catch (Exception ex) {
            LOG.warn("bad node-to-node message: {}", ex.toString());
        }
    }

    /** The cluster moved this node's channel to another master: what was published to it meanwhile is lost. */
    void channelMoving() {
        LOG.info("this node's channel moved to another Redis Cluster master; subscribing there");
        // frames for this node's sessions: each writes none until it re-attached, and its owner replays them
        r.sessions.values().forEach(EdgeSession::framesLost);
        // client messages for this node's rooms: none is taken until its session attached again
        r.remotePeers.values().forEach(p -> p.messagesLost = true);
    }

    /** Subscribed again: each edge of this node's rooms attaches again and re-sends what was not acknowledged. */
    void channelMoved() {
        r.remotePeers.values().forEach(p -> r.publish(p.edge, new Envelope('X', r.nodeId, p.session, p.fence,
                RedisRouting.bytes("not-owner"))));
    }

    /** On the edge, from the owner of a session's room. */
    private void fromOwner(Envelope e) {
        EdgeSession s = r.sessions.get(e.session());
        if (s == null) {
            return;
        }
        switch (e.type()) {
            case 'S' -> s.frame(e.from(), e.fence(), e.body());
            case 'A' -> s.attached(e.from(), e.fence(), e.bodyText());
            case 'X' -> s.refused(e.from(), e.bodyText());
            default -> {
                String[] cr = e.bodyText().split("\n", 2);
                s.closedByOwner(e.from(), Integer.parseInt(cr[0]), cr.length > 1 ? cr[1] : "");
            }
        }
    }

    private void acks(Envelope e) {
        for (String line : e.bodyText().split("\n")) {
            int sp = line.indexOf(' ');
            if (sp > 0) {
                EdgeSession s = r.sessions.get(line.substring(0, sp));
                if (s != null) {
                    s.acked(Long.parseLong(line.substring(sp + 1)));
                }
            }
        }
    }
}
