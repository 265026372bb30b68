package io.skyrtc.turn.coturn;

import java.util.List;

/**
 * One coturn instance, as skyrtc renders it into {@code turnserver.conf}. Every field has a
 * production-hardened default (applied here, documented in docs/TURN.md); a profile file only names
 * what differs. Values are checked by {@link CoturnValidator}, not here, so that a bad file gets every
 * problem in one message.
 *
 * @param host              label of the machine this instance runs on; instances with the same label
 *                          must not share ports (default {@code default})
 * @param realm             TURN realm (required: use-auth-secret without a realm gives every client 401)
 * @param listeningIps      addresses to listen on; empty = all
 * @param listeningPort     STUN/TURN UDP+TCP port (3478)
 * @param relayIps          addresses relayed traffic leaves from; empty = coturn picks
 * @param externalIps       {@code PUBLIC} or {@code PUBLIC/PRIVATE} when coturn sits behind 1:1 NAT
 * @param minPort           lowest relay port (49152)
 * @param maxPort           highest relay port (65535)
 * @param staticAuthSecrets TURN REST secrets; empty = filled in from skyrtc's {@code turn.secrets}
 * @param tls               certificate for turns:/DTLS; null = {@code no-tls} and {@code no-dtls}
 * @param userQuota         concurrent allocations per username (12)
 * @param totalQuota        concurrent allocations in total (1200)
 * @param maxBps            bytes per second a session may relay, each direction (500000 = 4 Mbit/s, room for
 *                          one HD video stream); 0 = unlimited
 * @param bpsCapacity       bytes per second all sessions together may relay (125000000 = 1 Gbit/s); coturn
 *                          reserves {@code maxBps} per allocation and answers 486 once the capacity is
 *                          reserved; 0 = unlimited. Needs {@code maxBps} (coturn refuses to start otherwise)
 * @param staleNonceSeconds nonce lifetime (600)
 * @param maxAllocateLifetimeSeconds longest allocation lifetime a client may ask for (3600)
 * @param allowLoopbackPeers relay to 127.0.0.0/8 and ::1 (dev only; the validator refuses it otherwise)
 * @param allowedPeerIps    peer addresses or ranges allowed even when in a denied range; outside dev any
 *                          overlap with a denied range needs {@code allowDeniedRanges} and a reason
 * @param allowDeniedRanges outside dev: lets {@code allowedPeerIps} re-open (part of) a denied range
 * @param allowDeniedRangesReason why the relay may reach those addresses (required with allowDeniedRanges)
 * @param deniedPeerIps     peer ranges refused; null = {@link PeerIpRanges#HARDENED_DENIED}
 * @param cli               telnet CLI; disabled by default
 * @param prometheus        metrics exporter; never with username labels
 * @param logFile           {@code stdout}, {@code syslog} or a path ({@code stdout})
 * @param pidFile           pid file path; null = coturn's default
 * @param userDb            SQLite user db path; null = coturn's default
 * @param dev               marks a developer instance: allows loopback relay and peers
 * @param verbose           coturn's verbose logging
 */
public record CoturnConfig(
        String host,
        String realm,
        List<String> listeningIps,
        Integer listeningPort,
        List<String> relayIps,
        List<String> externalIps,
        Integer minPort,
        Integer maxPort,
        List<String> staticAuthSecrets,
        Tls tls,
        Integer userQuota,
        Integer totalQuota,
        Long maxBps,
        Long bpsCapacity,
        Integer staleNonceSeconds,
        Integer maxAllocateLifetimeSeconds,
        Boolean allowLoopbackPeers,
        List<String> allowedPeerIps,
        Boolean allowDeniedRanges,
        String allowDeniedRangesReason,
        List<String> deniedPeerIps,
        Cli cli,
        Prometheus prometheus,
        String logFile,
        String pidFile,
        String userDb,
        Boolean dev,
        Boolean verbose) {

    public CoturnConfig {
        host = host == null ? "default" : host;
        listeningIps = listOrEmpty(listeningIps);
        listeningPort = listeningPort == null ? 3478 : listeningPort;
        relayIps = listOrEmpty(relayIps);
        externalIps = listOrEmpty(externalIps);
        minPort = minPort == null ? 49152 : minPort;
        maxPort = maxPort == null ? 65535 : maxPort;
        staticAuthSecrets = listOrEmpty(staticAuthSecrets);
        userQuota = userQuota == null ? 12 : userQuota;
        totalQuota = totalQuota == null ? 1200 : totalQuota;
        maxBps = maxBps == null ? 500_000L : maxBps;
        bpsCapacity = bpsCapacity == null ? 125_000_000L : bpsCapacity;
        staleNonceSeconds = staleNonceSeconds == null ? 600 : staleNonceSeconds;
        maxAllocateLifetimeSeconds = maxAllocateLifetimeSeconds == null ? 3600 : maxAllocateLifetimeSeconds;
        allowLoopbackPeers = allowLoopbackPeers != null && allowLoopbackPeers;
        allowedPeerIps = listOrEmpty(allowedPeerIps);
        allowDeniedRanges = allowDeniedRanges != null && allowDeniedRanges;
        deniedPeerIps = deniedPeerIps == null ? PeerIpRanges.HARDENED_DENIED : List.copyOf(deniedPeerIps);
        cli = cli == null ? new Cli(null, null, null, null) : cli;
        prometheus = prometheus == null ? new Prometheus(null, null, null) : prometheus;
        logFile = logFile == null ? "stdout" : logFile;
        dev = dev != null && dev;
        verbose = verbose != null && verbose;
    }

    /** The same instance with other REST secrets (skyrtc fills them in from {@code turn.secrets}). */
    public CoturnConfig withStaticAuthSecrets(List<String> secrets) {
        return new CoturnConfig(host, realm, listeningIps, listeningPort, relayIps, externalIps, minPort, maxPort,
                secrets, tls, userQuota, totalQuota, maxBps, bpsCapacity, staleNonceSeconds,
                maxAllocateLifetimeSeconds, allowLoopbackPeers, allowedPeerIps, allowDeniedRanges,
                allowDeniedRangesReason, deniedPeerIps, cli, prometheus, logFile, pidFile, userDb, dev,
                verbose);
    }

    /** TLS for turns: and DTLS. */
    public record Tls(String cert, String pkey, Integer port) {
        public Tls {
            port = port == null ? 5349 : port;
        }
    }

    /**
     * coturn's telnet CLI. Only enabled with a hashed password ({@code turnadmin -P}) on a loopback address.
     */
    public record Cli(Boolean enabled, String ip, Integer port, String passwordHash) {
        public Cli {
            enabled = enabled != null && enabled;
            ip = ip == null ? "127.0.0.1" : ip;
            port = port == null ? 5766 : port;
        }
    }

    /**
     * The Prometheus exporter; skyrtc never renders {@code prometheus-username-labels}. {@code address} is
     * where it listens ({@code prometheus-address}, coturn 4.6.3+; loopback unless a scraper elsewhere
     * needs it), never all interfaces.
     */
    public record Prometheus(Boolean enabled, Integer port, String address) {
        public Prometheus {
            enabled = enabled != null && enabled;
            port = port == null ? 9641 : port;
            address = address == null ? "127.0.0.1" : address;
        }
    }

    private static List<String> listOrEmpty(List<String> l) {
        return l == null ? List.of() : List.copyOf(l);
    }
}
