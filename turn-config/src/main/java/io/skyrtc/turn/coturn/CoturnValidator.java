package io.skyrtc.turn.coturn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Refuses configurations coturn would accept but that break calls or open the relay: a missing realm
 * (every client gets 401), a private relay address with no external-ip mapping (candidates nobody can
 * reach), relaying to loopback outside dev, quotas that contradict each other, two instances on one
 * host sharing ports. All problems are reported at once.
 */
public final class CoturnValidator {
    private CoturnValidator() {}

    /** Problems of one instance, each prefixed with {@code env}; empty when it can be rendered. */
    public static List<String> problems(String env, CoturnConfig c) {
        List<String> out = new ArrayList<>();
        Problems p = new Problems(env, out);
        if (c.realm() == null || c.realm().isBlank() || !c.realm().matches("\\S+")) {
            p.add("realm", "required with use-auth-secret (a single word such as turn.example.com)");
        }
        if (c.staticAuthSecrets().isEmpty()) {
            p.add("staticAuthSecrets", "no TURN REST secret (set turn.secrets in skyrtc's config)");
        }
        for (String s : c.staticAuthSecrets()) {
            if (s == null || s.length() < 16 || !s.matches("\\S+")) {
                p.add("staticAuthSecrets", "each secret needs at least 16 characters and no whitespace");
            }
        }
        port(p, "listeningPort", c.listeningPort());
        port(p, "minPort", c.minPort());
        port(p, "maxPort", c.maxPort());
        if (c.minPort() > c.maxPort()) {
            p.add("minPort", "greater than maxPort (" + c.minPort() + " > " + c.maxPort() + ")");
        }
        if (inRelayRange(c, c.listeningPort())) {
            p.add("listeningPort", c.listeningPort() + " lies inside the relay range " + c.minPort() + "-" + c.maxPort());
        }
        ips(p, "listeningIps", c.listeningIps());
        ips(p, "relayIps", c.relayIps());
        checkExternal(p, c);
        checkPeers(p, c);
        if (c.userQuota() < 0 || c.totalQuota() < 0 || c.maxBps() < 0 || c.bpsCapacity() < 0) {
            p.add("userQuota", "quotas, maxBps and bpsCapacity must not be negative");
        }
        if (c.bpsCapacity() > 0 && c.maxBps() <= 0) {
            p.add("bpsCapacity", "needs maxBps (coturn reserves maxBps per allocation and will not start without it)");
        } else if (c.bpsCapacity() > 0 && c.bpsCapacity() < c.maxBps()) {
            p.add("bpsCapacity", "smaller than maxBps (" + c.bpsCapacity() + " < " + c.maxBps()
                    + "): not even one session could get its full rate");
        }
        if (c.userQuota() > 0 && c.totalQuota() > 0 && c.userQuota() > c.totalQuota()) {
            p.add("userQuota", "greater than totalQuota (" + c.userQuota() + " > " + c.totalQuota() + ")");
        }
        if (c.staleNonceSeconds() < 30 || c.staleNonceSeconds() > 86_400) {
            p.add("staleNonceSeconds", "must be 30..86400");
        }
        if (c.maxAllocateLifetimeSeconds() < 600 || c.maxAllocateLifetimeSeconds() > 86_400) {
            p.add("maxAllocateLifetimeSeconds", "must be 600..86400 (RFC 8656 default lifetime is 600)");
        }
        checkTls(p, c);
        checkCli(p, c);
        if (c.prometheus().enabled()) {
            port(p, "prometheus.port", c.prometheus().port());
            if (c.prometheus().port().equals(c.listeningPort()) || inRelayRange(c, c.prometheus().port())) {
                p.add("prometheus.port", "clashes with the listening port or relay range");
            }
            String a = c.prometheus().address();
            if (!PeerIpRanges.isIpLiteral(a) || PeerIpRanges.parse(a).isAnyLocalAddress()) {
                p.add("prometheus.address", "'" + a + "' is not one IP literal to listen on (metrics are never "
                        + "served on all interfaces; loopback, or the private address your scraper reaches)");
            }
        }
        return out;
    }

    /** Every environment, plus port clashes between environments that share a {@code host}. */
    public static List<String> problems(Map<String, CoturnConfig> envs) {
        List<String> out = new ArrayList<>();
        envs.forEach((name, c) -> out.addAll(problems(name, c)));
        List<String> names = new ArrayList<>(envs.keySet());
        for (int i = 0; i < names.size(); i++) {
            for (int j = i + 1; j < names.size(); j++) {
                CoturnConfig a = envs.get(names.get(i));
                CoturnConfig b = envs.get(names.get(j));
                if (a.host().equals(b.host()) && sharesAddress(a, b)) {
                    clash(out, names.get(i), a, names.get(j), b);
                }
            }
        }
        return out;
    }

    private static void clash(List<String> out, String an, CoturnConfig a, String bn, CoturnConfig b) {
        String both = an + " and " + bn + " (host " + a.host() + ")";
        if (a.listeningPort().equals(b.listeningPort())) {
            out.add(both + ": both listen on port " + a.listeningPort());
        }
        if (a.minPort() <= b.maxPort() && b.minPort() <= a.maxPort()) {
            out.add(both + ": relay ranges overlap (" + a.minPort() + "-" + a.maxPort() + ", "
                    + b.minPort() + "-" + b.maxPort() + ")");
        }
        if (inRelayRange(a, b.listeningPort()) || inRelayRange(b, a.listeningPort())) {
            out.add(both + ": a listening port lies inside the other's relay range");
        }
    }

    private static boolean sharesAddress(CoturnConfig a, CoturnConfig b) {
        if (a.listeningIps().isEmpty() || b.listeningIps().isEmpty()) {
            return true;  // "all addresses" overlaps everything
        }
        return a.listeningIps().stream().anyMatch(b.listeningIps()::contains);
    }

    private static void checkExternal(Problems p, CoturnConfig c) {
        for (String e : c.externalIps()) {
            String[] parts = e.split("/", -1);
            if (parts.length > 2 || !PeerIpRanges.isIpLiteral(parts[0])
                    || (parts.length == 2 && !PeerIpRanges.isIpLiteral(parts[1]))) {
                p.add("externalIps", "'" + e + "' is not PUBLIC or PUBLIC/PRIVATE (IP literals)");
            }
        }
        if (c.externalIps().size() > 1 && c.externalIps().stream().anyMatch(e -> !e.contains("/"))) {
            p.add("externalIps", "with several external IPs each needs its PUBLIC/PRIVATE pair");
        }
        if (c.externalIps().isEmpty() && !c.dev()) {
            for (String r : c.relayIps()) {
                if (PeerIpRanges.isNonPublic(r)) {
                    p.add("relayIps", r + " is not public and no externalIps maps it: remote clients get relay "
                            + "candidates they cannot reach (set externalIps: [PUBLIC/" + r + "])");
                }
            }
        }
    }

    private static void checkPeers(Problems p, CoturnConfig c) {
        if (c.allowLoopbackPeers() && !c.dev()) {
            p.add("allowLoopbackPeers", "only for dev instances (dev: true): it lets clients reach the relay's own services");
        }
        ranges(p, "allowedPeerIps", c.allowedPeerIps());
        ranges(p, "deniedPeerIps", c.deniedPeerIps());
        checkAllowedAgainstDenied(p, c);
        if (!c.dev() && !c.deniedPeerIps().containsAll(PeerIpRanges.HARDENED_DENIED)) {
            List<String> missing = new ArrayList<>(PeerIpRanges.HARDENED_DENIED);
            missing.removeAll(c.deniedPeerIps());
            p.add("deniedPeerIps", "drops hardened ranges " + missing + "; allow what you need with allowedPeerIps");
        }
    }

    /**
     * allowed-peer-ip only matters inside a denied range, so outside dev every overlap re-opens part of
     * the relay's private reach: it needs {@code allowDeniedRanges: true} and a written reason.
     */
    private static void checkAllowedAgainstDenied(Problems p, CoturnConfig c) {
        if (c.dev()) {
            return;
        }
        boolean optedIn = c.allowDeniedRanges() && !blank(c.allowDeniedRangesReason());
        if (c.allowDeniedRanges() && blank(c.allowDeniedRangesReason())) {
            p.add("allowDeniedRangesReason", "required with allowDeniedRanges: true (say why the relay may reach "
                    + "these addresses)");
        }
        if (optedIn) {
            return;
        }
        for (String allowed : c.allowedPeerIps()) {
            for (String denied : c.deniedPeerIps()) {
                if (PeerIpRanges.overlaps(allowed, denied)) {
                    p.add("allowedPeerIps", "'" + allowed + "' re-opens denied range " + denied + "; set "
                            + "allowDeniedRanges: true and allowDeniedRangesReason if the relay must reach it");
                    break;
                }
            }
        }
    }

    private static void checkTls(Problems p, CoturnConfig c) {
        if (c.tls() == null) {
            return;
        }
        if (blank(c.tls().cert()) || blank(c.tls().pkey())) {
            p.add("tls", "needs both cert and pkey paths");
        }
        port(p, "tls.port", c.tls().port());
        if (c.tls().port().equals(c.listeningPort()) || inRelayRange(c, c.tls().port())) {
            p.add("tls.port", "clashes with the listening port or relay range");
        }
    }

    private static void checkCli(Problems p, CoturnConfig c) {
        if (!c.cli().enabled()) {
            return;
        }
        String hash = c.cli().passwordHash();
        if (hash == null || !hash.matches("\\$(5|6)\\$.+")) {
            p.add("cli.passwordHash", "the CLI needs a hashed password (turnadmin -P -p PASSWORD gives $5$...)");
        }
        if (!PeerIpRanges.isLoopback(c.cli().ip())) {
            p.add("cli.ip", "the CLI must listen on loopback only");
        }
    }

    private static void ranges(Problems p, String key, List<String> ranges) {
        for (String r : ranges) {
            String misread = PeerIpRanges.coturnMisreads(r);
            if (!PeerIpRanges.isRange(r)) {
                p.add(key, "'" + r + "' is not an IP or ip1-ip2 range");
            } else if (misread != null) {
                p.add(key, "'" + r + "': " + misread);
            }
        }
    }

    private static void ips(Problems p, String key, List<String> ips) {
        for (String ip : ips) {
            if (!PeerIpRanges.isIpLiteral(ip)) {
                p.add(key, "'" + ip + "' is not an IP literal");
            }
        }
    }

    private static void port(Problems p, String key, int port) {
        if (port < 1 || port > 65_535) {
            p.add(key, port + " is not a port (1..65535)");
        }
    }

    private static boolean inRelayRange(CoturnConfig c, int port) {
        return port >= c.minPort() && port <= c.maxPort();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private record Problems(String env, List<String> out) {
        void add(String key, String message) {
            out.add(env + "." + key + ": " + message);
        }
    }
}
