package io.skyrtc.signaling.limits;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Who a connection comes from, for {@code limits.maxConnectionsPerIp} and the API's failed-authentication
 * limit. The TCP peer, unless it is one
 * of {@code server.trustedProxies}: then {@code X-Forwarded-For} is read from the right (each proxy
 * appends the address it got the request from) for as long as the hop is trusted, and the first hop
 * that is not is the client. Entries left of that were written by the client itself and are ignored.
 */
public final class ClientAddress {
    private final IpRanges trustedProxies;

    public ClientAddress(List<String> trustedProxies) {
        this.trustedProxies = IpRanges.of(trustedProxies);
    }

    public InetAddress of(InetAddress tcpPeer, List<String> forwardedFor) {
        InetAddress current = tcpPeer;
        if (trustedProxies.isEmpty() || forwardedFor.isEmpty()) {
            return current;
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String hop : header.split(",")) {
                hops.add(hop);
            }
        }
        for (int i = hops.size() - 1; i >= 0 && trusted(current); i--) {
            InetAddress hop = IpRange.literal(hops.get(i));
            if (hop == null) {
                break;  // "unknown" or garbage: the last trusted hop answers for the connection
            }
            current = hop;
        }
        return current;
    }

    private boolean trusted(InetAddress a) {
        return trustedProxies.contains(a);
    }
}
