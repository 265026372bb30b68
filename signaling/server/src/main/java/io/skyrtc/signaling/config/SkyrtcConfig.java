package io.skyrtc.signaling.config;

import io.skyrtc.signaling.skynet.GateSettings;
import java.util.List;

/**
 * The whole server configuration, one immutable tree, as the YAML file spells it. Defaults live in the
 * resource {@code reference.yaml} (shown key by key in docs/CONFIG.md); {@link ConfigLoader} merges a YAML
 * file and {@code SKYRTC_*} environment variables over them. Features never see this tree:
 * {@link FeatureSettings} maps it onto their own settings records.
 */
public record SkyrtcConfig(Server server, Auth auth, Rooms rooms, Limits limits, Ice ice, Turn turn, Vendors vendors,
                           ActorCore actorCore, Demo demo, Redis redis, Reload config, Logging logging) {

    /** The defaults alone: {@code reference.yaml} (see {@link ConfigLoader#reference()}), unvalidated. */
    public static SkyrtcConfig defaults() {
        return ConfigLoader.defaults();
    }

    /**
     * Hot reload of this configuration (docs/OPERATIONS.md "Reload"); {@code skyrtc admin reload} and SIGHUP
     * always work, this adds the file watch.
     *
     * @param watch           re-read the config file when it changes
     * @param watchDebounceMs quiet time after the last change before the file is read (editors write in steps)
     */
    public record Reload(boolean watch, long watchDebounceMs) {}

    /**
     * Log levels set at start and on every reload.
     *
     * @param levels logger name (ROOT for all) → TRACE, DEBUG, INFO, WARN, ERROR or OFF; a logger dropped from
     *               the map on a reload inherits its parent's level again
     * @param eventQueue event lines waiting for their writer thread at most; one more is dropped and counted
     *                   (restart only; see EventLineAppender)
     */
    public record Logging(java.util.Map<String, String> levels, int eventQueue) {
        public Logging {
            levels = levels == null ? java.util.Map.of() : java.util.Map.copyOf(levels);
        }
    }

    /**
     * Multi-node mode (docs/SCALING.md): every node with the same Redis serves the same rooms.
     *
     * @param url       Lettuce URI ({@code redis://}, {@code rediss://}, {@code redis-sentinel://}); empty = single node
     * @param cluster   {@code url} names Redis Cluster seed nodes ({@code redis://host1:port1,host2:port2})
     * @param leaseMs   room ownership lease; a dead owner's rooms move after at most this long
     * @param keyPrefix prefix of every key and channel, so environments can share one Redis
     * @param timeoutMs a Redis command a join waits for before the client is told {@code unavailable}
     */
    public record Redis(String url, boolean cluster, long leaseMs, String keyPrefix, long timeoutMs) {
        public boolean enabled() {
            return url != null && !url.isBlank();
        }
    }

    /**
     * The demo pages' example backend.
     *
     * @param tokenRoute      serve {@code POST /demo/token}, which mints room tokens for anyone who loads the
     *                        demo (an example backend, to try a deployed demo; off by default)
     * @param apiKey          the API key (not its hash) the route mints with; needs scope {@code room}
     *                        (dev mode: empty = the dev key)
     * @param tokenTtlSeconds lifetime of the tokens it mints
     * @param sdkCorsOrigins  Origins that may load the SDK from {@code /sdk/v1/} across origins ({@code *} = any)
     */
    public record Demo(boolean tokenRoute, String apiKey, long tokenTtlSeconds, List<String> sdkCorsOrigins) {}

    /**
     * @param host            bind address; null = 127.0.0.1 in dev mode, 0.0.0.0 otherwise
     * @param port            HTTP and WebSocket port (0 = ephemeral)
     * @param dev             dev mode: joins without token, any Origin, dev API key
     * @param allowedOrigins  browser Origins allowed to open /ws; empty = any in dev, none checked
     *                        for non-browser clients (no Origin header) in production
     * @param shutdownGraceMs how long SIGTERM waits for peers to be told before closing
     * @param selectors       network threads; WebSocket frames are handled on them. 0 = one per core
     *                        (most throughput); 1 = fewest thread wake-ups (lower latency at light
     *                        load on small virtual machines)
     * @param workerThreads   threads for HTTP requests and WebSocket upgrades, on top of the network
     *                        threads. WebSocket frames never need one, so a few suffice; a bound keeps a
     *                        reconnect storm from growing the pool (each thread's stack stays resident)
     * @param warmUpMs        start-up self-warm-up before the port opens (0 = none; see StartupWarmUp)
     * @param trustedProxies  addresses or CIDR blocks of reverse proxies whose X-Forwarded-For names the
     *                        client (for limits.maxConnectionsPerIp); empty = the TCP peer is the client
     * @param metrics         who may read {@code GET /metrics} without an API key
     * @param nodeId          this node's name in a multi-node cluster (redis.url); empty = generated at start
     * @param drainTimeoutMs  SIGTERM and {@code admin drain}: how long joined rooms may go on (new joins refused)
     *                        before the shutdown; 0 = shut down at once
     * @param tls             direct wss:// (HTTPS on the main port), see {@link Tls}
     * @param readiness       what else {@code /readyz} waits for besides start-up and drain
     */
    public record Server(String host, int port, boolean dev, List<String> allowedOrigins, long shutdownGraceMs,
                         int selectors, int workerThreads, List<String> trustedProxies, Metrics metrics,
                         long warmUpMs, String nodeId, long drainTimeoutMs, Tls tls, Readiness readiness) {
        public Server {
            trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
        }

        public String effectiveHost() {
            return host != null ? host : dev ? "127.0.0.1" : "0.0.0.0";
        }

        public int effectiveSelectors() {
            return selectors > 0 ? selectors : Runtime.getRuntime().availableProcessors();
        }

        /** The whole HTTP thread pool: workers plus the selectors and the one acceptor it lends threads to. */
        public int maxThreads() {
            return workerThreads + effectiveSelectors() + 1;
        }
    }

    /**
     * TLS on the main port, without a proxy.
     *
     * @param certFile         PEM certificate chain (Let's Encrypt's fullchain.pem); null = plain HTTP
     * @param keyFile          its PEM private key (privkey.pem)
     * @param dev              {@code serve --dev --tls}: a self-signed certificate made at start (dev mode only)
     * @param devDir           where that certificate is kept and reused; null = $HOME/.skyrtc/tls
     * @param reloadIntervalMs how often the files are checked for a change (renewal) and re-read; 0 = never
     */
    public record Tls(String certFile, String keyFile, boolean dev, String devDir, long reloadIntervalMs) {
        public boolean enabled() {
            return dev || certFile != null;
        }
    }

    /**
     * {@code GET /metrics} (Prometheus text) on the main port.
     *
     * @param port  a port of its own for {@code /metrics} (plain HTTP, nothing else served there; 0 = any free
     *              port); null = the main port
     * @param allow CIDRs (IPv4 or IPv6) that may read it without an API key; anyone else needs a key with
     *              scope {@code metrics} or {@code admin}. A request that came through a proxy (it carries
     *              X-Forwarded-For or Forwarded) always needs a key.
     */
    public record Metrics(List<String> allow, Integer port) {
        public Metrics {
            allow = allow == null ? List.of() : List.copyOf(allow);
        }
    }

    /**
     * @param requireTurn      not ready while TURN is configured and health-checked but no turn: server passes
     * @param requireActorCore not ready while a configured gate or the cluster event link is down
     */
    public record Readiness(boolean requireTurn, boolean requireActorCore) {}

    /**
     * @param roomTokenSecret        HS256 secret for join tokens (at least 32 bytes); required outside dev
     * @param roomTokenTtlSeconds    default lifetime of minted room tokens
     * @param maxRoomTokenTtlSeconds upper bound a caller may ask for
     * @param apiKeys                HTTP API keys, stored as SHA-256 hashes
     * @param failuresPerMinutePerIp how fast a client address earns back failed authentications (401s)
     * @param failureBurstPerIp      failed authentications an address may make before every API call from
     *                               it gets 429 (keys are not even checked) until its budget refills
     */
    public record Auth(String roomTokenSecret, long roomTokenTtlSeconds, long maxRoomTokenTtlSeconds,
                       List<ApiKey> apiKeys, int failuresPerMinutePerIp, int failureBurstPerIp) {}

    /**
     * An API key: only the SHA-256 (hex) of the key is kept.
     *
     * @param scopes        what it may mint: {@code room}, {@code agora}, {@code agora:APP}, {@code tencent},
     *                      {@code tencent:APP}, or {@code *} for everything (the default)
     * @param maxTtlSeconds longest token lifetime this key may ask for; 0 = only the vendor's own cap
     * @param ratePerMinute requests per minute (refilled continuously); default 600
     * @param rateBurst     requests allowed at once before the rate applies; default 60
     */
    public record ApiKey(String name, String sha256, List<String> scopes, Long maxTtlSeconds, Integer ratePerMinute,
                         Integer rateBurst) {
        public ApiKey {
            scopes = scopes == null ? List.of("*") : List.copyOf(scopes);
            maxTtlSeconds = maxTtlSeconds == null ? 0 : maxTtlSeconds;
            ratePerMinute = ratePerMinute == null ? 600 : ratePerMinute;
            rateBurst = rateBurst == null ? 60 : rateBurst;
        }

        public ApiKey(String name, String sha256) {
            this(name, sha256, null, null, null, null);
        }
    }

    /**
     * @param maxPeersPerRoom peers in one room, including detached ones waiting for resume
     * @param maxRooms        open rooms on this node
     * @param emptyRoomTtlMs  how long an empty room lives before it is closed
     * @param resumeGraceMs   how long a dropped peer may resume before others see it leave
     * @param resumeQueueMax  messages kept for a detached peer; beyond that the oldest are dropped
     *                        (also the length of each peer's replay ring of frames written)
     * @param resumeQueueMaxBytes the same two queues' bound in bytes (each frame counts 4 more)
     * @param eventLogSize    entries each open room keeps of what happened in it, for {@code admin events} (0 = none)
     */
    public record Rooms(int maxPeersPerRoom, int maxRooms, long emptyRoomTtlMs, long resumeGraceMs,
                        int resumeQueueMax, int resumeQueueMaxBytes, int eventLogSize) {}

    /**
     * Per-connection limits; see docs/PROTOCOL.md for what happens at each edge.
     * {@code outboundQueueMaxBytes} bounds what is queued to one client in bytes, next to
     * {@code outboundQueueMax} frames; whichever is passed first drops the client (1013).
     * {@code joinTimeoutMs}: a connection without a welcome by then is closed (1008 join-timeout).
     * {@code maxConnectionsPerIp}: open WebSocket connections per client address (HTTP 429 beyond).
     */
    public record Limits(
            int maxFrameBytes,
            int maxSdpBytes,
            int maxNameChars,
            int maxMetaBytes,
            int maxRoomChars,
            int ratePerSecond,
            int rateBurst,
            int outboundQueueMax,
            long idleTimeoutMs,
            long pingIntervalMs,
            int maxConnections,
            int outboundQueueMaxBytes,
            long joinTimeoutMs,
            int maxConnectionsPerIp) {}

    /** A static ICE server handed to clients in {@code welcome.iceServers}. */
    public record IceServerEntry(List<String> urls, String username, String credential) {}

    public record Ice(List<IceServerEntry> servers) {}

    /**
     * coturn with {@code use-auth-secret}: every welcome carries fresh TURN REST credentials.
     *
     * @param urls       turn:/turns: URLs of the relay (empty = no TURN entry)
     * @param secrets    coturn's static-auth-secret(s); the first signs, all are accepted while rotating
     * @param ttlSeconds credential lifetime (default 4 h, at most 24 h)
     * @param profilesFile     coturn profiles (base + environments) for {@code skyrtc turn-conf}; null = none
     * @param healthIntervalMs how often each turn: URL is checked with an Allocate (0 = never); a failing
     *                         server is left out of iceServers until it passes again
     * @param checkTimeoutMs   budget of one server check (health checks and the default of /v1/ice/check)
     * @param credentialsPerMinute {@code GET /v1/turn/credentials} with a room token: calls per minute per
     *                         token identity (API keys use their own rate limit)
     * @param credentialsBurst the same, calls at once
     */
    public record Turn(List<String> urls, List<String> secrets, long ttlSeconds, String profilesFile,
                       long healthIntervalMs, long checkTimeoutMs, int credentialsPerMinute, int credentialsBurst) {}

    /**
     * Vendor apps the token API mints for (secrets usually as {@code ${env:...}} or {@code ${file:...}}).
     *
     * @param agoraDefaultTtlSeconds   token lifetime when a request names none (Agora caps at 86400)
     * @param tencentDefaultTtlSeconds UserSig/PrivateMapKey lifetime when a request names none
     */
    public record Vendors(List<AgoraApp> agora, List<TencentApp> tencent, long agoraDefaultTtlSeconds,
                          long tencentDefaultTtlSeconds) {}

    /**
     * An Agora project: a name requests use, its App ID and App Certificate (32 hex each), and the
     * characters its channel names and accounts may use: {@code sdk} (null, the default: the 89 the
     * Agora SDKs accept) or {@code utf8} (any UTF-8 text without control characters).
     */
    public record AgoraApp(String name, String appId, String appCertificate, String charset) {
        /** The name check for this app; {@code null} when {@link #charset} is neither sdk nor utf8. */
        public io.skyrtc.tokens.agora.AgoraNames.Charset nameCharset() {
            return charset == null || charset.equals("sdk") ? io.skyrtc.tokens.agora.AgoraNames.Charset.AGORA_SDK
                    : charset.equals("utf8") ? io.skyrtc.tokens.agora.AgoraNames.Charset.UTF8 : null;
        }
    }

    /** A Tencent TRTC/IM application: a name requests use, its SDKAppID and secret key. */
    public record TencentApp(String name, long sdkAppId, String secretKey) {}

    /**
     * The link to the skynet actor core (docs/ACTOR-CORE.md).
     *
     * @param node   this node's name in every event
     * @param nodeId 0..1023, the node bits of event ids (unique per skyrtc node)
     * @param gates  skynet gates (TCP or WebSocket) to deliver events to and take commands from
     * @param cluster skyrtc as a skynet cluster node
     */
    /**
     * @param drainTimeoutMs on shutdown, how long unacknowledged cluster events may take to be delivered;
     *                       what is still unacknowledged then is logged and counted as undelivered
     */
    public record ActorCore(String node, int nodeId, List<Gate> gates, Cluster cluster, long drainTimeoutMs) {}

    /**
     * skyrtc as a node of a skynet cluster (skynet's cluster wire protocol; docs/ACTOR-CORE.md).
     *
     * @param listen           "host:port" skynet nodes connect to for commands (null = no cluster port)
     * @param register         the name commands are served under: {@code @skyrtc}, {@code .skyrtc}, query
     * @param nodes            cluster names → "host:port" (or "false" = down), like skynet's cluster config
     * @param nodesFile        a skynet cluster config file (Lua) read on top of {@code nodes}; null = none
     * @param reloadIntervalMs how often nodesFile is checked for changes (0 = never)
     * @param eventsNode       the node room events are called to (null = no events over the cluster)
     * @param eventsAddress    the service on eventsNode: {@code .name}, {@code @name} or a handle
     * @param window           event calls in flight at once
     * @param outboxMax        unacknowledged events kept for re-sending
     * @param overflow         drop-oldest or drop-newest when the outbox is full
     * @param callTimeoutMs    an event call without an answer by then counts as lost: reconnect and re-send
     * @param connectTimeoutMs TCP connect timeout to a node
     * @param maxMessageBytes  largest message body accepted or sent (requests, responses, events)
     * @param maxConnections   connections skynet nodes may open to the cluster port at once
     * @param reconnectMinMs   first retry delay after a failed delivery, doubling with jitter up to reconnectMaxMs
     * @param batchMax         events one call may carry when several are ready and the receiver said it takes
     *                         batches ("room_events"); 1 = one call per event
     */
    public record Cluster(String listen, String register, java.util.Map<String, String> nodes, String nodesFile,
                          long reloadIntervalMs, String eventsNode, String eventsAddress, int window, int outboxMax,
                          String overflow, long callTimeoutMs, long connectTimeoutMs, int maxMessageBytes,
                          int maxConnections, long reconnectMinMs, long reconnectMaxMs, int batchMax) {
        public Cluster {
            nodes = nodes == null ? java.util.Map.of() : java.util.Map.copyOf(nodes);
        }

        public boolean enabled() {
            return listen != null || eventsNode != null;
        }
    }

    /**
     * One skynet gate: JSON {@code {"name","data"}} envelopes, either in 2-byte big-endian length packets
     * (skynet's standard TCP gate) or in WebSocket text frames (a ws_gate).
     *
     * @param transport       {@code tcp} (default) or {@code websocket}
     * @param path            websocket: request path (default {@code /})
     * @param tls             websocket: wss:// instead of ws:// (default false)
     * @param maxPayloadBytes largest envelope written; bigger events are refused at the source. Default and
     *                        maximum: 65535 for tcp (the gate's 16-bit length), 262144 for websocket (skynet's
     *                        websocket library closes the connection above 256 KiB)
     * @param outboxMax       unacknowledged events kept for re-sending (default 100000)
     * @param overflow        {@code drop-oldest} (default) or {@code drop-newest} when the outbox is full
     * @param reconnectMinMs  first reconnect delay (default 100), doubling with jitter up to reconnectMaxMs (5000)
     */
    public record Gate(String name, String transport, String host, int port, String path, Boolean tls,
                       Integer maxPayloadBytes, Integer outboxMax, String overflow, Long reconnectMinMs,
                       Long reconnectMaxMs, String encoding, Integer batchMaxEvents, Long drainTimeoutMs) {
        public Gate {
            transport = transport == null ? "tcp" : transport;
            path = path == null ? "/" : path;
            tls = tls != null && tls;
            maxPayloadBytes = maxPayloadBytes == null ? transportMaxPayload(transport) : maxPayloadBytes;
            outboxMax = outboxMax == null ? 100_000 : outboxMax;
            overflow = overflow == null ? "drop-oldest" : overflow;
            reconnectMinMs = reconnectMinMs == null ? 100L : reconnectMinMs;
            reconnectMaxMs = reconnectMaxMs == null ? 5000L : reconnectMaxMs;
            encoding = encoding == null ? (transport.equals("websocket") ? "json" : "skynet") : encoding;
            batchMaxEvents = batchMaxEvents == null ? 256 : batchMaxEvents;
            drainTimeoutMs = drainTimeoutMs == null ? 5000L : drainTimeoutMs;
        }

        /** The hard limit of the transport; 0 for an unknown transport (the validator names it). */
        public static int transportMaxPayload(String transport) {
            GateSettings.Transport t = GateSettings.Transport.parse(transport);
            return t == null ? 0 : t.maxPayload;
        }
    }
}
