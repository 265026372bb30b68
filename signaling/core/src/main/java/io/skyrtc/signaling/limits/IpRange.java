package io.skyrtc.signaling.limits;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One address or CIDR block ({@code 10.0.0.0/8}, {@code 2001:db8::/32}, {@code 127.0.0.1}), as
 * {@code server.trustedProxies} lists them. Parsing never resolves a name: text that is not an IP
 * literal is refused, so a header value can never cause a DNS lookup.
 */
public final class IpRange {
    private static final Pattern V4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})(?::\\d{1,5})?");
    private static final Pattern V6 = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]*");

    private final byte[] network;
    private final int prefix;

    private IpRange(byte[] network, int prefix) {
        this.network = network;
        this.prefix = prefix;
    }

    /** An address or {@code address/prefix}; IllegalArgumentException saying what is wrong otherwise. */
    public static IpRange parse(String text) {
        String s = text.strip();
        int slash = s.indexOf('/');
        InetAddress a = literal(slash < 0 ? s : s.substring(0, slash));
        if (a == null) {
            throw new IllegalArgumentException("not an IP address or CIDR block: " + text);
        }
        int bits = a.getAddress().length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(s.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("prefix length must be 0-" + bits + ": " + text);
            }
        }
        return new IpRange(a.getAddress(), prefix);
    }

    public boolean contains(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (b[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xFF << (8 - rest);
        return (b[full] & mask) == (network[full] & mask);
    }

    /**
     * An IP literal as found in {@code X-Forwarded-For}: dotted IPv4 (optionally with a port), IPv6
     * (optionally in brackets with a port); null when the text is not one. Never a DNS lookup.
     */
    public static InetAddress literal(String text) {
        String s = text.strip();
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                return null;
            }
            s = s.substring(1, close);
        }
        Matcher m = V4.matcher(s);
        if (m.matches()) {
            byte[] b = new byte[4];
            for (int i = 0; i < 4; i++) {
                int octet = Integer.parseInt(m.group(i + 1));
                if (octet > 255) {
                    return null;
                }
                b[i] = (byte) octet;
            }
            return byAddress(b);
        }
        // only hex digits, colons and dots, starting with a hex digit or colon: the JDK parses such
        // text as an IPv6 literal and refuses it if invalid, without asking DNS
        if (s.indexOf(':') < 0 || !V6.matcher(s).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static InetAddress byAddress(byte[] b) {
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);  // four bytes are always an address
        }
    }
}
