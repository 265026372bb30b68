package io.skyrtc.signaling.admin;

import io.skyrtc.signaling.skynet.GateLink;
import io.skyrtc.signaling.skynet.cluster.ClusterEventLink;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * One actor-core link in {@code admin stat} / {@code admin links}: events handed to it ({@code handled}),
 * its mailbox (the outbox of unacknowledged events), the oldest one's age, drops, and the CPU time of the
 * link's own threads (found by name: {@code gate-NAME*}, {@code cluster-events-NODE}, {@code cluster-client-NODE}).
 */
public record LinkStat(String name, String kind, boolean up, long handled, int mailbox, long oldestUnackedMs,
                       long dropped, long cpuMs) {

    static List<LinkStat> of(List<GateLink> gates, ClusterEventLink.State cluster) {
        List<LinkStat> out = new ArrayList<>();
        for (GateLink g : gates) {
            GateLink.State s = g.state();
            out.add(new LinkStat(s.name(), "gate", s.up(), s.lastSeq(), s.outboxDepth(), s.oldestUnackedMs(),
                    s.dropped() + s.evictedUnacked(), threadCpuMs("gate-" + s.name())));
        }
        if (cluster != null) {
            out.add(new LinkStat(cluster.node(), "cluster", cluster.up(), cluster.lastSeq(), cluster.outboxDepth(),
                    cluster.oldestUnackedMs(), cluster.dropped(),
                    threadCpuMs("cluster-events-" + cluster.node()) + threadCpuMs("cluster-client-" + cluster.node())));
        }
        return out;
    }

    /** CPU time of the live threads whose name starts with {@code prefix}; -1 where the JVM does not measure it. */
    static long threadCpuMs(String prefix) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        if (!mx.isThreadCpuTimeSupported()) {
            return -1;
        }
        long nanos = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith(prefix)) {
                long n = mx.getThreadCpuTime(t.getId());
                nanos += Math.max(0, n);
            }
        }
        return nanos / 1_000_000;
    }
}
