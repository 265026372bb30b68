package io.skyrtc.turn.coturn;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Peer address ranges a public relay must not reach (SSRF into the relay's own network, cloud
 * metadata, CVE-2020-26262 style loopback bypasses), in coturn's {@code ip} / {@code ip1-ip2} syntax.
 */
public final class PeerIpRanges {
    static final String LOOPBACK_V4 = "127.0.0.0-127.255.255.255";
    static final String LOOPBACK_V6 = "::1";

    /** Denied unless a profile replaces {@code deniedPeerIps} or allows a range explicitly. */
    public static final List<String> HARDENED_DENIED = List.of(
            "0.0.0.0-0.255.255.255",          // "this" network
            "10.0.0.0-10.255.255.255",        // RFC 1918
            "100.64.0.0-100.127.255.255",     // CGNAT
            LOOPBACK_V4,
            "169.254.0.0-169.254.255.255",    // link-local, incl. cloud metadata 169.254.169.254
            "172.16.0.0-172.31.255.255",      // RFC 1918
            "192.0.0.0-192.0.0.255",          // IETF protocol assignments
            "192.0.2.0-192.0.2.255",          // TEST-NET-1
            "192.168.0.0-192.168.255.255",    // RFC 1918
            "198.18.0.0-198.19.255.255",      // benchmarking
            "198.51.100.0-198.51.100.255",    // TEST-NET-2
            "203.0.113.0-203.0.113.255",      // TEST-NET-3
            "240.0.0.0-255.255.255.255",      // reserved, broadcast
            LOOPBACK_V6,
            "::ffff:0.0.0.0-::ffff:255.255.255.255",  // IPv4-mapped: would bypass every IPv4 rule
            "64:ff9b::-64:ff9b::ffff:ffff",   // NAT64: same bypass through a NAT64 gateway
            "fc00::-fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",  // unique local
            "fe80::-febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff"); // link-local

    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");

    private PeerIpRanges() {}

    /** An IPv4 or IPv6 literal (never resolved through DNS). */
    public static boolean isIpLiteral(String s) {
        return parse(s) != null;
    }

    /** {@code ip} or {@code ip1-ip2} with both ends of one family and in order. */
    public static boolean isRange(String s) {
        if (s == null) {
            return false;
        }
        int dash = s.indexOf('-');
        if (dash < 0) {
            return isIpLiteral(s);
        }
        InetAddress lo = parse(s.substring(0, dash));
        InetAddress hi = parse(s.substring(dash + 1));
        return lo != null && hi != null && lo.getAddress().length == hi.getAddress().length
                && compare(lo.getAddress(), hi.getAddress()) <= 0;
    }

    /** Private, CGNAT, link-local or loopback: not reachable from other networks. */
    public static boolean isNonPublic(String ip) {
        InetAddress a = parse(ip);
        if (a == null) {
            return false;
        }
        byte[] b = a.getAddress();
        boolean cgnat = b.length == 4 && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64;
        boolean ula = b.length == 16 && (b[0] & 0xfe) == 0xfc;
        return a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isLoopbackAddress() || cgnat || ula;
    }

    public static boolean isLoopback(String ip) {
        InetAddress a = parse(ip);
        return a != null && a.isLoopbackAddress();
    }

    static InetAddress parse(String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        boolean v6 = s.indexOf(':') >= 0 && s.matches("[0-9a-fA-F:.]+");
        if (!v6 && !IPV4.matcher(s).matches()) {
            return null;  // never let InetAddress fall back to a DNS lookup
        }
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static int compare(byte[] a, byte[] b) {
        for (int i = 0; i < a.length; i++) {
            int d = (a[i] & 0xff) - (b[i] & 0xff);
            if (d != 0) {
                return d;
            }
        }
        return 0;
    }
}
