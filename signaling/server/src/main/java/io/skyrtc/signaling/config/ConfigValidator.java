package io.skyrtc.signaling.config;

import io.skyrtc.signaling.skynet.GateSettings;
import io.skyrtc.signaling.skynet.Overflow;
import io.skyrtc.signaling.skynet.cluster.ClusterAddress;
import io.skyrtc.signaling.skynet.cluster.ClusterNodes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import io.skyrtc.tokens.TokenException;
import io.skyrtc.tokens.tencent.TencentSigner;
import java.net.URI;
import java.util.HashSet;
import java.util.Set;

/** Cross-field checks that Jackson's typing cannot express; each failure names its key. */
final class ConfigValidator {
    static final int MIN_SECRET_BYTES = 32;

    private ConfigValidator() {}

    static void validate(SkyrtcConfig c) {
        validate(c, true);
    }

    /** {@code serving = false}: a command that serves nothing, so the room-token secret may be absent. */
    static void validate(SkyrtcConfig c, boolean serving) {
        SkyrtcConfig.Server s = c.server();
        range("server.port", s.port(), 0, 65535);
        atLeast("server.shutdownGraceMs", s.shutdownGraceMs(), 0);
        range("server.drainTimeoutMs", s.drainTimeoutMs(), 0, 86_400_000L);
        if (s.tls() == null) {
            throw new ConfigException("server.tls: expected a mapping of keys (certFile, keyFile, ...)");
        }
        if ((s.tls().certFile() == null) != (s.tls().keyFile() == null)) {
            throw new ConfigException("server.tls: set both certFile and keyFile (PEM), or neither");
        }
        if (s.tls().dev() && !s.dev()) {
            throw new ConfigException("server.tls.dev (serve --tls) makes a self-signed certificate: dev mode only;"
                    + " in production set server.tls.certFile and server.tls.keyFile");
        }
        if (s.tls().dev() && s.tls().certFile() != null) {
            throw new ConfigException("server.tls: dev (serve --tls) and certFile/keyFile exclude each other");
        }
        atLeast("server.tls.reloadIntervalMs", s.tls().reloadIntervalMs(), 0);
        range("server.selectors", s.selectors(), 0, 64);
        range("server.workerThreads", s.workerThreads(), 4, 1000);
        range("server.warmUpMs", s.warmUpMs(), 0, 60_000);
        checkRedis(c.redis(), s.nodeId());
        ConfigReload.check(c);
        for (String origin : s.allowedOrigins()) {
            checkOrigin(origin);
        }
        for (String proxy : s.trustedProxies()) {
            try {
                io.skyrtc.signaling.limits.IpRange.parse(proxy);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("server.trustedProxies: " + e.getMessage());
            }
        }
        if (s.metrics() == null) {
            throw new ConfigException("server.metrics: expected a mapping of keys (allow)");
        }
        if (s.metrics().port() != null) {
            range("server.metrics.port", s.metrics().port(), 0, 65535);
            if (s.metrics().port() != 0 && s.metrics().port() == s.port()) {
                throw new ConfigException("server.metrics.port: the same as server.port; leave it unset to serve"
                        + " /metrics on the main port");
            }
        }
        if (s.readiness() == null) {
            throw new ConfigException("server.readiness: expected a mapping of keys (requireTurn, requireActorCore)");
        }
        for (String cidr : s.metrics().allow()) {
            try {
                io.skyrtc.signaling.limits.IpRange.parse(cidr);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("server.metrics.allow: " + e.getMessage());
            }
        }

        SkyrtcConfig.Auth a = c.auth();
        String secret = a.roomTokenSecret() == null ? "" : a.roomTokenSecret();
        if (secret.isEmpty() && !s.dev() && serving) {
            throw new ConfigException("auth.roomTokenSecret is required outside dev mode"
                    + " (set SKYRTC_AUTH_ROOM_TOKEN_SECRET, at least " + MIN_SECRET_BYTES + " bytes)");
        }
        if (!secret.isEmpty() && secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            throw new ConfigException("auth.roomTokenSecret must be at least " + MIN_SECRET_BYTES + " bytes");
        }
        atLeast("auth.roomTokenTtlSeconds", a.roomTokenTtlSeconds(), 1);
        atLeast("auth.maxRoomTokenTtlSeconds", a.maxRoomTokenTtlSeconds(), a.roomTokenTtlSeconds());
        atLeast("auth.failuresPerMinutePerIp", a.failuresPerMinutePerIp(), 1);
        atLeast("auth.failureBurstPerIp", a.failureBurstPerIp(), 1);
        Set<String> names = new HashSet<>();
        for (int i = 0; i < a.apiKeys().size(); i++) {
            SkyrtcConfig.ApiKey k = a.apiKeys().get(i);
            String key = "auth.apiKeys[" + i + "]";
            if (k.name() == null || k.name().isBlank() || !names.add(k.name())) {
                throw new ConfigException(key + ".name must be set and unique");
            }
            if (k.sha256() == null || !k.sha256().matches("[0-9a-fA-F]{64}")) {
                throw new ConfigException(key + ".sha256 must be the 64-hex SHA-256 of the key"
                        + " (skyrtc apikey hash KEY prints it)");
            }
            atLeast(key + ".maxTtlSeconds", k.maxTtlSeconds(), 0);
            range(key + ".ratePerMinute", k.ratePerMinute(), 1, 6_000_000);
            range(key + ".rateBurst", k.rateBurst(), 1, 1_000_000);
        }
        checkDemo(c);
        checkVendors(c.vendors());
        checkTurn(c.turn());
        checkActorCore(c.actorCore());
        for (int i = 0; i < a.apiKeys().size(); i++) {
            for (String scope : a.apiKeys().get(i).scopes()) {
                checkScope("auth.apiKeys[" + i + "].scopes", scope, c.vendors());
            }
        }

        SkyrtcConfig.Rooms r = c.rooms();
        range("rooms.maxPeersPerRoom", r.maxPeersPerRoom(), 2, 1000);
        atLeast("rooms.maxRooms", r.maxRooms(), 1);
        atLeast("rooms.emptyRoomTtlMs", r.emptyRoomTtlMs(), 0);
        atLeast("rooms.resumeGraceMs", r.resumeGraceMs(), 0);
        atLeast("rooms.resumeQueueMax", r.resumeQueueMax(), 1);
        atLeast("rooms.resumeQueueMaxBytes", r.resumeQueueMaxBytes(), 1024);
        range("rooms.eventLogSize", r.eventLogSize(), 0, 10_000);

        SkyrtcConfig.Limits l = c.limits();
        range("limits.maxFrameBytes", l.maxFrameBytes(), 1024, 16 * 1024 * 1024);
        range("limits.maxSdpBytes", l.maxSdpBytes(), 256, l.maxFrameBytes());
        range("limits.maxNameChars", l.maxNameChars(), 1, 1024);
        range("limits.maxMetaBytes", l.maxMetaBytes(), 2, l.maxFrameBytes());
        range("limits.maxRoomChars", l.maxRoomChars(), 1, 256);
        atLeast("limits.ratePerSecond", l.ratePerSecond(), 1);
        atLeast("limits.rateBurst", l.rateBurst(), 1);
        atLeast("limits.outboundQueueMax", l.outboundQueueMax(), 1);
        atLeast("limits.outboundQueueMaxBytes", l.outboundQueueMaxBytes(), 1024);
        atLeast("limits.joinTimeoutMs", l.joinTimeoutMs(), 100);
        atLeast("limits.maxConnectionsPerIp", l.maxConnectionsPerIp(), 1);
        atLeast("limits.idleTimeoutMs", l.idleTimeoutMs(), 1000);
        range("limits.pingIntervalMs", l.pingIntervalMs(), 100, l.idleTimeoutMs() - 1);
        atLeast("limits.maxConnections", l.maxConnections(), 1);

        for (int i = 0; i < c.ice().servers().size(); i++) {
            SkyrtcConfig.IceServerEntry e = c.ice().servers().get(i);
            if (e.urls() == null || e.urls().isEmpty()) {
                throw new ConfigException("ice.servers[" + i + "].urls must list at least one URL");
            }
            for (String url : e.urls()) {
                if (!url.matches("(stun|stuns|turn|turns):.+")) {
                    throw new ConfigException("ice.servers[" + i + "].urls: not a stun:/turn:/turns: URL: " + url);
                }
            }
        }
    }

    private static void checkActorCore(SkyrtcConfig.ActorCore a) {
        if (a.node() == null || !a.node().matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new ConfigException("actorCore.node: 1..64 characters of A-Z a-z 0-9 _ . -");
        }
        range("actorCore.nodeId", a.nodeId(), 0, 1023);
        for (int i = 0; i < a.gates().size(); i++) {
            SkyrtcConfig.Gate g = a.gates().get(i);
            String key = "actorCore.gates[" + i + "]";
            if (g.host() == null || g.host().isBlank()) {
                throw new ConfigException(key + ".host is required");
            }
            range(key + ".port", g.port(), 1, 65_535);
            int transportMax = SkyrtcConfig.Gate.transportMaxPayload(g.transport());
            if (transportMax == 0) {
                throw new ConfigException(key + ".transport: tcp or websocket");
            }
            if (!g.path().startsWith("/")) {
                throw new ConfigException(key + ".path must start with /");
            }
            range(key + ".maxPayloadBytes", g.maxPayloadBytes(), 256, transportMax);
            range(key + ".outboxMax", g.outboxMax(), 1, 10_000_000);
            if (Overflow.parse(g.overflow()) == null) {
                throw new ConfigException(key + ".overflow: drop-oldest or drop-newest");
            }
            range(key + ".reconnectMinMs", g.reconnectMinMs(), 1, 60_000);
            range(key + ".reconnectMaxMs", g.reconnectMaxMs(), g.reconnectMinMs(), 600_000);
            if (GateSettings.Encoding.parse(g.encoding()) == null) {
                throw new ConfigException(key + ".encoding: json or skynet");
            }
            range(key + ".batchMaxEvents", g.batchMaxEvents(), 1, 4096);
            range(key + ".drainTimeoutMs", g.drainTimeoutMs(), 0, 600_000);
        }
        checkCluster(a.cluster());
        range("actorCore.drainTimeoutMs", a.drainTimeoutMs(), 0, 600_000);
    }

    private static void checkCluster(SkyrtcConfig.Cluster c) {
        String key = "actorCore.cluster";
        if (c.listen() != null) {
            hostPort(key + ".listen", c.listen(), 0);
        }
        if (c.register() == null || !c.register().matches("[A-Za-z_][A-Za-z0-9_]{0,63}")) {
            throw new ConfigException(key + ".register: a name of letters, digits and _ (not starting with a digit)");
        }
        c.nodes().forEach((name, value) -> {
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new ConfigException(key + ".nodes: node name '" + name + "' must be a Lua identifier");
            }
            if (!"false".equals(value)) {
                hostPort(key + ".nodes." + name, value, 1);
            }
        });
        if (c.nodesFile() != null) {
            try {
                ClusterNodes.parseLua(Files.readString(Path.of(c.nodesFile()), StandardCharsets.UTF_8), c.nodesFile());
            } catch (IOException | IllegalArgumentException e) {
                throw new ConfigException(key + ".nodesFile: " + e.getMessage());
            }
        }
        if (c.reloadIntervalMs() != 0) {
            range(key + ".reloadIntervalMs", c.reloadIntervalMs(), 100, 3_600_000);
        }
        if (c.eventsNode() != null) {
            boolean known = c.nodes().containsKey(c.eventsNode()) || c.nodesFile() != null;
            if (!known) {
                throw new ConfigException(key + ".eventsNode: '" + c.eventsNode() + "' is not in " + key + ".nodes");
            }
            try {
                ClusterAddress.parse(c.eventsAddress());
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new ConfigException(key + ".eventsAddress: 1..255 bytes, e.g. .rtc_events or @rtc_events");
            }
        }
        range(key + ".window", c.window(), 1, 65_536);
        range(key + ".outboxMax", c.outboxMax(), 1, 10_000_000);
        if (Overflow.parse(c.overflow()) == null) {
            throw new ConfigException(key + ".overflow: drop-oldest or drop-newest");
        }
        range(key + ".callTimeoutMs", c.callTimeoutMs(), 10, 600_000);
        range(key + ".connectTimeoutMs", c.connectTimeoutMs(), 10, 600_000);
        range(key + ".maxMessageBytes", c.maxMessageBytes(), 1024, 1 << 30);
        range(key + ".maxConnections", c.maxConnections(), 1, 100_000);
        range(key + ".reconnectMinMs", c.reconnectMinMs(), 1, 60_000);
        range(key + ".reconnectMaxMs", c.reconnectMaxMs(), c.reconnectMinMs(), 600_000);
        range(key + ".batchMax", c.batchMax(), 1, 4096);
    }

    private static void hostPort(String key, String value, int minPort) {
        try {
            ClusterNodes.hostPort(key, value, minPort);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key + ": \"" + value + "\" is not host:port");
        }
    }

    private static void checkTurn(SkyrtcConfig.Turn t) {
        range("turn.ttlSeconds", t.ttlSeconds(), 1, 86_400);
        range("turn.checkTimeoutMs", t.checkTimeoutMs(), 100, 30_000);
        atLeast("turn.credentialsPerMinute", t.credentialsPerMinute(), 1);
        atLeast("turn.credentialsBurst", t.credentialsBurst(), 1);
        if (t.healthIntervalMs() != 0) {
            range("turn.healthIntervalMs", t.healthIntervalMs(), 1000, 86_400_000);
            if (t.healthIntervalMs() <= t.checkTimeoutMs()) {
                throw new ConfigException("turn.healthIntervalMs must be longer than turn.checkTimeoutMs");
            }
        }
        for (String url : t.urls()) {
            try {
                io.skyrtc.turn.IceServers.checkUrl(url);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("turn.urls: " + e.getMessage());
            }
        }
        if (!t.urls().isEmpty() && (t.secrets().isEmpty() || t.secrets().stream().anyMatch(String::isEmpty))) {
            throw new ConfigException("turn.secrets must hold coturn's static-auth-secret when turn.urls is set");
        }
    }

    private static void checkDemo(SkyrtcConfig c) {
        SkyrtcConfig.Demo d = c.demo();
        range("demo.tokenTtlSeconds", d.tokenTtlSeconds(), 1, c.auth().maxRoomTokenTtlSeconds());
        if (!d.tokenRoute() || c.server().dev() && d.apiKey().isEmpty()) {
            return;
        }
        String hash = io.skyrtc.signaling.auth.ApiKeys.sha256Hex(d.apiKey());
        boolean known = c.auth().apiKeys().stream().anyMatch(k -> k.sha256().equalsIgnoreCase(hash)
                && (k.scopes().contains("*") || k.scopes().contains("room")));
        if (!known) {
            throw new ConfigException("demo.tokenRoute needs demo.apiKey: a key whose sha256 is in auth.apiKeys"
                    + " with scope room (skyrtc apikey new)");
        }
    }

    private static void checkVendors(SkyrtcConfig.Vendors v) {
        range("vendors.agoraDefaultTtlSeconds", v.agoraDefaultTtlSeconds(), 1, 86_400);
        range("vendors.tencentDefaultTtlSeconds", v.tencentDefaultTtlSeconds(), 1, TencentSigner.MAX_EXPIRE_SECONDS);
        checkApps("vendors.agora", v.agora(), SkyrtcConfig.AgoraApp::name,
                a -> new io.skyrtc.tokens.agora.AgoraApp(a.appId(), a.appCertificate()));
        checkApps("vendors.tencent", v.tencent(), SkyrtcConfig.TencentApp::name,
                t -> new io.skyrtc.tokens.tencent.TencentApp(t.sdkAppId(), t.secretKey()));
        for (int i = 0; i < v.agora().size(); i++) {
            if (v.agora().get(i).nameCharset() == null) {
                throw new ConfigException("vendors.agora[" + i + "].charset must be sdk or utf8");
            }
        }
    }

    /** Unique names, and credentials the token library accepts (its message names the field). */
    private static <T> void checkApps(String key, java.util.List<T> apps, java.util.function.Function<T, String> name,
                                      java.util.function.Consumer<T> credentials) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < apps.size(); i++) {
            String entry = key + "[" + i + "]";
            uniqueName(entry, name.apply(apps.get(i)), names);
            try {
                credentials.accept(apps.get(i));
            } catch (TokenException e) {
                throw new ConfigException(entry + "." + e.getMessage());
            }
        }
    }

    private static void uniqueName(String key, String name, Set<String> seen) {
        if (name == null || !name.matches("[A-Za-z0-9_.-]{1,64}") || !seen.add(name)) {
            throw new ConfigException(key + ".name must be unique, 1-64 of A-Z a-z 0-9 _ . -");
        }
    }

    /** Scopes naming an app that is not configured are typos; refuse them rather than deny at run time. */
    private static void checkScope(String key, String scope, SkyrtcConfig.Vendors v) {
        if (scope.equals("metrics")) {
            return;  // GET /metrics from outside server.metrics.allow
        }
        if (scope.equals("*") || scope.equals("room") || scope.equals("turn") || scope.equals("admin") || scope.equals("agora") || scope.equals("tencent")) {
            return;
        }
        if (scope.startsWith("agora:") && v.agora().stream().anyMatch(a -> scope.equals("agora:" + a.name()))) {
            return;
        }
        if (scope.startsWith("tencent:") && v.tencent().stream().anyMatch(a -> scope.equals("tencent:" + a.name()))) {
            return;
        }
        throw new ConfigException(key + ": unknown scope '" + scope + "' (use *, room, turn, admin, metrics, agora, agora:APP, tencent,"
                + " tencent:APP with a configured APP name)");
    }

    private static void checkOrigin(String origin) {
        try {
            URI u = new URI(origin);
            if (u.getScheme() == null || u.getHost() == null || (u.getPath() != null && !u.getPath().isEmpty())) {
                throw new ConfigException("server.allowedOrigins: not an origin (scheme://host[:port]): " + origin);
            }
        } catch (java.net.URISyntaxException e) {
            throw new ConfigException("server.allowedOrigins: not an origin: " + origin);
        }
    }

    /** Multi-node keys (docs/SCALING.md): names go into Redis keys and channels, so they are kept plain. */
    private static void checkRedis(SkyrtcConfig.Redis r, String nodeId) {
        range("redis.leaseMs", r.leaseMs(), 500, 60_000);
        range("redis.timeoutMs", r.timeoutMs(), 50, 30_000);
        long maxTimeoutMs = io.skyrtc.signaling.routing.redis.LeaseTiming.maxTimeoutMs(r.leaseMs());
        if (r.enabled() && r.timeoutMs() > maxTimeoutMs) {
            throw new ConfigException("redis.timeoutMs (" + r.timeoutMs() + ") must be at most " + maxTimeoutMs
                    + " with redis.leaseMs " + r.leaseMs() + ": below the lease minus two watchdog ticks (min(250,"
                    + " leaseMs/6) ms each), or a Redis outage would stop rooms as if the node had been paused");
        }
        if (r.keyPrefix() == null || !r.keyPrefix().matches("[A-Za-z0-9_.-]{1,32}")) {
            throw new ConfigException("redis.keyPrefix must be 1-32 letters, digits, '_', '.' or '-'");
        }
        if (nodeId != null && !nodeId.isEmpty() && !nodeId.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new ConfigException("server.nodeId must be 1-64 letters, digits, '_', '.' or '-' (was " + nodeId + ")");
        }
        if (r.enabled() && !r.url().matches("(?i)(redis|rediss|redis-socket|redis-sentinel|rediss-sentinel)://.*")) {
            throw new ConfigException("redis.url must be a redis://, rediss:// or redis-sentinel:// URI"
                    + " (a Redis Cluster: redis://host1:port1,host2:port2 with redis.cluster: true)");
        }
        checkRedisCluster(r);
    }

    /** redis.cluster and the form of redis.url agree (docs/SCALING.md, Redis Cluster). */
    private static void checkRedisCluster(SkyrtcConfig.Redis r) {
        if (r.cluster() && !r.enabled()) {
            throw new ConfigException("redis.cluster is true but redis.url is empty: give the cluster's seed nodes"
                    + " (redis://host1:port1,host2:port2)");
        }
        if (!r.enabled()) {
            return;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)(rediss?)://([^/?#]*)(/[^?#]*)?.*")
                .matcher(r.url());
        boolean plain = m.matches();
        String hosts = plain ? m.group(2).substring(m.group(2).lastIndexOf('@') + 1) : "";
        if (r.cluster() && !plain) {
            throw new ConfigException("redis.cluster: the cluster's seed nodes are a redis:// or rediss:// URI"
                    + " (redis://host1:port1,host2:port2); Sentinel (redis-sentinel://) serves one primary, not a cluster");
        }
        if (r.cluster() && m.group(3) != null && !m.group(3).matches("/0?")) {
            throw new ConfigException("redis.cluster: a Redis Cluster has only database 0 (redis.url ends in "
                    + m.group(3) + ")");
        }
        if (!r.cluster() && hosts.contains(",")) {
            throw new ConfigException("redis.url names several hosts (" + hosts + "): that is a Redis Cluster's"
                    + " seed list; set redis.cluster: true (SKYRTC_REDIS_CLUSTER=true), or name one Redis");
        }
    }

    private static void range(String key, long v, long min, long max) {
        if (v < min || v > max) {
            throw new ConfigException(key + " must be between " + min + " and " + max + " (was " + v + ")");
        }
    }

    private static void atLeast(String key, long v, long min) {
        if (v < min) {
            throw new ConfigException(key + " must be at least " + min + " (was " + v + ")");
        }
    }
}
