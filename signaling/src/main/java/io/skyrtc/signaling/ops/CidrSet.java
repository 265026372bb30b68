package io.skyrtc.signaling.ops;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * A set of address ranges in CIDR notation ({@code 10.0.0.0/8}, {@code ::1/128}; a bare address is a
 * single host). Only literal addresses are accepted, never host names: parsing must not touch DNS.
 * An IPv4-mapped IPv6 address ({@code ::ffff:10.1.2.3}) matches the IPv4 ranges.
 */
public final class CidrSet {
    private record Range(byte[] network, int prefix) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private final List<Range> ranges;

    private CidrSet(List<Range> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    /** @throws IllegalArgumentException naming the entry that is not a literal address or CIDR */
    public static CidrSet of(List<String> cidrs) {
        List<Range> ranges = new ArrayList<>();
        for (String c : cidrs) {
            ranges.add(parse(c));
        }
        return new CidrSet(ranges);
    }

    /** Checks one entry; @throws IllegalArgumentException with a message naming it. */
    public static void check(String cidr) {
        parse(cidr);
    }

    private static Range parse(String cidr) {
        String s = cidr == null ? "" : cidr.trim();
        int slash = s.indexOf('/');
        String host = slash < 0 ? s : s.substring(0, slash);
        byte[] address = literal(host, cidr);
        int prefix = address.length * 8;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(s.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a CIDR prefix length: '" + cidr + "'");
            }
            if (prefix < 0 || prefix > address.length * 8) {
                throw new IllegalArgumentException("prefix length out of range (0-" + address.length * 8 + "): '"
                        + cidr + "'");
            }
        }
        return new Range(address, prefix);
    }

    /** Parses a literal IPv4 or IPv6 address without any name lookup. */
    private static byte[] literal(String host, String cidr) {
        boolean ipv4 = host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean ipv6 = host.contains(":") && host.matches("[0-9a-fA-F:.]+");
        if (!ipv4 && !ipv6) {
            throw new IllegalArgumentException("not an IP address or CIDR (e.g. 10.0.0.0/8, ::1/128): '" + cidr + "'");
        }
        if (ipv4) {
            for (String part : host.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    throw new IllegalArgumentException("not an IPv4 address: '" + cidr + "'");
                }
            }
        }
        try {
            // a literal: InetAddress parses it without DNS
            return InetAddress.getByName(host).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: '" + cidr + "'");
        }
    }

    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        byte[] mapped = ipv4Mapped(bytes);
        for (Range r : ranges) {
            if (r.contains(bytes) || (mapped != null && r.contains(mapped))) {
                return true;
            }
        }
        return false;
    }

    private static byte[] ipv4Mapped(byte[] a) {
        if (a.length != 16) {
            return null;
        }
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return null;
            }
        }
        if (a[10] != (byte) 0xff || a[11] != (byte) 0xff) {
            return null;
        }
        return new byte[] {a[12], a[13], a[14], a[15]};
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }
}
