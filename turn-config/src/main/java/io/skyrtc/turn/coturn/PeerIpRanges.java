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
            "192.88.99.0-192.88.99.255",      // 6to4 relay anycast: forwards into 2002::/16
            "192.168.0.0-192.168.255.255",    // RFC 1918
            "198.18.0.0-198.19.255.255",      // benchmarking
            "198.51.100.0-198.51.100.255",    // TEST-NET-2
            "203.0.113.0-203.0.113.255",      // TEST-NET-3
            "240.0.0.0-255.255.255.255",      // reserved, broadcast
            LOOPBACK_V6,
            "::ffff:0.0.0.0-::ffff:255.255.255.255",  // IPv4-mapped: would bypass every IPv4 rule
            "64:ff9b::-64:ff9b::ffff:ffff",   // NAT64: same bypass through a NAT64 gateway
            "100::-100::ffff:ffff:ffff:ffff", // discard-only 100::/64
            "2001::-2001:1ff:ffff:ffff:ffff:ffff:ffff:ffff",  // IETF protocol assignments 2001::/23 (Teredo)
            "2002::-2002:ffff:ffff:ffff:ffff:ffff:ffff:ffff", // 6to4 2002::/16: embeds any IPv4 address
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
        String lo = s.substring(0, dash);
        String hi = s.substring(dash + 1);
        if (!isIpLiteral(lo) || !isIpLiteral(hi)) {
            return false;
        }
        byte[] l = bytes(lo);
        byte[] h = bytes(hi);
        return l.length == h.length && compare(l, h) <= 0;
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

    /**
     * True when two {@code ip} / {@code ip1-ip2} ranges share an address. Families never overlap: an
     * IPv6 text form (also {@code ::ffff:a.b.c.d}) is compared as 16 bytes, as coturn compares it.
     */
    public static boolean overlaps(String a, String b) {
        byte[][] x = bounds(a);
        byte[][] y = bounds(b);
        return x != null && y != null && x[0].length == y[0].length
                && compare(x[0], y[1]) <= 0 && compare(y[0], x[1]) <= 0;
    }

    /**
     * Why coturn (measured on 4.6.1) would match other addresses than the range says, or null. coturn
     * treats an all-zero bound as open-ended (so {@code ::} alone matches every peer, IPv4 included) and
     * compares IPv6 bounds byte by byte, not as numbers: only prefix-aligned IPv6 blocks mean what they say.
     */
    public static String coturnMisreads(String range) {
        byte[][] b = bounds(range);
        if (b == null) {
            return null;
        }
        boolean v6 = b[0].length == 16;
        if (isZero(b[1]) || (v6 && isZero(b[0]))) {
            return "an all-zero bound (" + (v6 ? "::" : "0.0.0.0") + ") makes coturn match every address";
        }
        if (v6) {
            int k = 0;
            while (k < 16 && b[0][k] == b[1][k]) {
                k++;
            }
            for (int i = k + 1; i < 16; i++) {
                if (b[0][i] != 0 || b[1][i] != (byte) 0xff) {
                    return "coturn compares IPv6 ranges byte by byte: use a prefix-aligned block "
                            + "(low end ending in zeros, high end in ffff)";
                }
            }
        }
        return null;
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    /** {lowest, highest} address of a range as bytes; null when it is not a range. */
    private static byte[][] bounds(String range) {
        if (!isRange(range)) {
            return null;
        }
        int dash = range.indexOf('-');
        String lo = dash < 0 ? range : range.substring(0, dash);
        String hi = dash < 0 ? range : range.substring(dash + 1);
        return new byte[][] {bytes(lo), bytes(hi)};
    }

    /** The address as written: Java turns {@code ::ffff:a.b.c.d} into 4 bytes, coturn keeps it IPv6. */
    private static byte[] bytes(String ip) {
        byte[] b = parse(ip).getAddress();
        if (b.length == 4 && ip.indexOf(':') >= 0) {
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xff;
            mapped[11] = (byte) 0xff;
            System.arraycopy(b, 0, mapped, 12, 4);
            return mapped;
        }
        return b;
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
