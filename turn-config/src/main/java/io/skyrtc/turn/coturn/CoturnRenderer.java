package io.skyrtc.turn.coturn;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders a validated {@link CoturnConfig} as {@code turnserver.conf} (coturn 4.5+ keys). The
 * hardening that is not configurable is written unconditionally: {@code use-auth-secret} with no static
 * users, {@code fingerprint}, {@code no-multicast-peers}, {@code secure-stun}-free STUN (browsers send
 * unauthenticated bindings), no {@code prometheus-username-labels}, no TCP relay allocations (RFC 6062:
 * browsers never ask for one, and it would let clients open TCP connections from the relay), no RFC 5780
 * NAT discovery and no RFC 3489 compatibility (neither is used by WebRTC; both answer from extra
 * addresses and ports), and no SOFTWARE attribute (the coturn version is nobody's business).
 */
public final class CoturnRenderer {
    private CoturnRenderer() {}

    /** Validates, then renders; throws with every problem when the instance is inconsistent. */
    public static String render(String env, CoturnConfig c) {
        List<String> problems = CoturnValidator.problems(env, c);
        if (!problems.isEmpty()) {
            throw new CoturnConfigException("refusing to render turnserver.conf:\n  " + String.join("\n  ", problems));
        }
        Lines out = new Lines();
        out.comment("turnserver.conf for environment '" + env + "', rendered by skyrtc (turn-conf render).");
        out.comment("Edit the profile and render again rather than editing this file.");
        out.blank();
        out.comment("Listening and relaying");
        c.listeningIps().forEach(ip -> out.kv("listening-ip", ip));
        out.kv("listening-port", c.listeningPort());
        c.relayIps().forEach(ip -> out.kv("relay-ip", ip));
        c.externalIps().forEach(ip -> out.kv("external-ip", ip));
        out.kv("min-port", c.minPort());
        out.kv("max-port", c.maxPort());
        out.flag("no-tcp-relay");
        out.flag("no-rfc5780");
        out.flag("no-stun-backward-compatibility");
        out.flag("response-origin-only-with-rfc5780");
        out.flag("no-software-attribute");
        if (c.tls() == null) {
            out.flag("no-tls");
            out.flag("no-dtls");
        } else {
            out.kv("tls-listening-port", c.tls().port());
            out.kv("cert", c.tls().cert());
            out.kv("pkey", c.tls().pkey());
            out.flag("no-tlsv1");
            out.flag("no-tlsv1_1");
        }
        out.blank();
        out.comment("Authentication: TURN REST credentials only (username = <expiry>:<user>), no static users");
        out.flag("use-auth-secret");
        c.staticAuthSecrets().forEach(s -> out.kv("static-auth-secret", s));
        out.kv("realm", c.realm());
        out.kv("stale-nonce", c.staleNonceSeconds());
        out.flag("fingerprint");
        out.blank();
        out.comment("Quotas");
        out.kv("user-quota", c.userQuota());
        out.kv("total-quota", c.totalQuota());
        if (c.maxBps() > 0) {
            out.kv("max-bps", c.maxBps());
        }
        if (c.bpsCapacity() > 0) {
            out.kv("bps-capacity", c.bpsCapacity());
        }
        out.kv("max-allocate-lifetime", c.maxAllocateLifetimeSeconds());
        out.blank();
        out.comment("Peers the relay may reach (allowed-peer-ip wins over denied-peer-ip)");
        out.flag("no-multicast-peers");
        if (c.allowLoopbackPeers()) {
            out.flag("allow-loopback-peers");
        }
        if (c.allowDeniedRanges() && c.allowDeniedRangesReason() != null) {
            out.comment("allowed-peer-ip re-opens denied ranges: " + oneLine(c.allowDeniedRangesReason()));
        }
        c.allowedPeerIps().forEach(r -> out.kv("allowed-peer-ip", r));
        for (String r : c.deniedPeerIps()) {
            boolean loopback = r.equals(PeerIpRanges.LOOPBACK_V4) || r.equals(PeerIpRanges.LOOPBACK_V6);
            if (!(loopback && c.allowLoopbackPeers())) {
                out.kv("denied-peer-ip", r);
            }
        }
        out.blank();
        out.comment("Administration and observability");
        if (c.cli().enabled()) {
            out.kv("cli-ip", c.cli().ip());
            out.kv("cli-port", c.cli().port());
            out.kv("cli-password", c.cli().passwordHash());
        } else {
            out.flag("no-cli");
        }
        if (c.prometheus().enabled()) {
            out.flag("prometheus");
            out.kv("prometheus-port", c.prometheus().port());
            out.kv("prometheus-address", c.prometheus().address());
        }
        out.kv("log-file", c.logFile());
        out.flag("simple-log");
        if (c.pidFile() != null) {
            out.kv("pidfile", c.pidFile());
        }
        if (c.userDb() != null) {
            out.kv("userdb", c.userDb());
        }
        if (c.verbose()) {
            out.flag("verbose");
        }
        return out.toString();
    }

    /** The same settings as {@code turnserver} command-line arguments ({@code -n --key=value ...}). */
    public static List<String> commandLine(String env, CoturnConfig c) {
        List<String> args = new ArrayList<>();
        args.add("-n");
        for (String line : render(env, c).split("\n")) {
            if (!line.isEmpty() && !line.startsWith("#")) {
                args.add("--" + line);
            }
        }
        return args;
    }

    private static String oneLine(String s) {
        return s.replaceAll("[\\r\\n]+", " ").strip();
    }

    private static final class Lines {
        private final StringBuilder sb = new StringBuilder();

        void comment(String text) {
            sb.append("# ").append(text).append('\n');
        }

        void blank() {
            sb.append('\n');
        }

        void flag(String key) {
            sb.append(key).append('\n');
        }

        void kv(String key, Object value) {
            String v = String.valueOf(value);
            if (v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
                throw new CoturnConfigException(key + ": value contains a line break");
            }
            sb.append(key).append('=').append(v).append('\n');
        }

        @Override
        public String toString() {
            return sb.toString();
        }
    }
}
