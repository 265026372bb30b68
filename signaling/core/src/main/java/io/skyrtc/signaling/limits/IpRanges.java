package io.skyrtc.signaling.limits;

import java.net.InetAddress;
import java.util.List;

/**
 * A set of {@link IpRange}s, as configuration lists them ({@code server.trustedProxies},
 * {@code server.metrics.allow}). An IPv4-mapped IPv6 address ({@code ::ffff:10.1.2.3}, what a dual-stack
 * socket reports for an IPv4 peer) matches the IPv4 ranges too.
 */
public final class IpRanges {
    private final List<IpRange> ranges;

    private IpRanges(List<IpRange> ranges) {
        this.ranges = ranges;
    }

    /** @throws IllegalArgumentException naming the entry that is not an IP literal or CIDR block */
    public static IpRanges of(List<String> entries) {
        return new IpRanges(entries.stream().map(IpRange::parse).toList());
    }

    public boolean contains(InetAddress address) {
        InetAddress mapped = ipv4Mapped(address);
        for (IpRange r : ranges) {
            if (r.contains(address) || (mapped != null && r.contains(mapped))) {
                return true;
            }
        }
        return false;
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    private static InetAddress ipv4Mapped(InetAddress address) {
        byte[] a = address.getAddress();
        if (a.length != 16 || a[10] != (byte) 0xff || a[11] != (byte) 0xff) {
            return null;
        }
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return null;
            }
        }
        try {
            return InetAddress.getByAddress(new byte[] {a[12], a[13], a[14], a[15]});
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);  // four bytes are always an address
        }
    }
}
