package io.skyrtc.signaling;

import io.micrometer.core.instrument.binder.jetty.JettyServerThreadPoolMetrics;
import io.skyrtc.signaling.admin.AdminRoutes;
import io.skyrtc.signaling.auth.ApiKeys;
import io.skyrtc.signaling.auth.ApiPrincipal;
import io.skyrtc.signaling.events.EventBus;
import io.skyrtc.signaling.skynet.CoreCommands;
import io.skyrtc.signaling.skynet.GateLink;
import io.skyrtc.signaling.skynet.cluster.ClusterNode;
import io.skyrtc.signaling.turn.IceCheckEndpoint;
import io.skyrtc.signaling.turn.TurnCredentialsEndpoint;
import io.skyrtc.signaling.turn.TurnService;
import io.skyrtc.signaling.tokenapi.AgoraRtcEndpoint;
import io.skyrtc.signaling.tokenapi.AgoraRtmEndpoint;
import io.skyrtc.signaling.tokenapi.TencentPrivateMapKeyEndpoint;
import io.skyrtc.signaling.tokenapi.TencentUserSigEndpoint;
import io.skyrtc.signaling.tokenapi.VendorApps;
import io.skyrtc.tokens.TokenEnvironment;
import io.skyrtc.signaling.auth.JoinAuthorizer;
import io.skyrtc.signaling.auth.RoomTokens;
import io.skyrtc.signaling.config.FeatureSettings;
import io.skyrtc.signaling.config.SkyrtcConfig;
import io.skyrtc.signaling.demo.DemoTokenRoute;
import io.skyrtc.signaling.demo.HiddenDemoPages;
import io.skyrtc.signaling.demo.SdkAssets;
import io.skyrtc.signaling.http.ApiHandler;
import io.skyrtc.signaling.http.Health;
import io.skyrtc.signaling.http.HttpHardening;
import io.skyrtc.signaling.http.RoomTokenEndpoint;
import io.skyrtc.signaling.http.SecurityHeaders;
import io.skyrtc.signaling.limits.ClientAddress;
import io.skyrtc.signaling.limits.IpRanges;
import io.skyrtc.signaling.limits.KeyedRateLimiter;
import io.skyrtc.signaling.metrics.PrometheusMetrics;
import io.skyrtc.signaling.metrics.SignalingMetrics;
import io.skyrtc.signaling.ops.Drain;
import io.skyrtc.signaling.config.ServerTls;
import io.skyrtc.signaling.ops.JsonErrorHandler;
import io.skyrtc.signaling.ops.MetricsEndpoint;
import io.skyrtc.signaling.ops.Probes;
import io.skyrtc.signaling.ops.Readiness;
import io.skyrtc.signaling.protocol.ProtocolCodec;
import io.skyrtc.signaling.room.PeerCounter;
import io.skyrtc.signaling.room.RoomObserver;
import io.skyrtc.signaling.room.RoomRegistry;
import io.skyrtc.signaling.room.RoomSettings;
import io.skyrtc.signaling.ws.BatchingConnector;
import io.skyrtc.signaling.ws.SignalingGate;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.core.server.WebSocketServerComponents;
import org.eclipse.jetty.websocket.core.server.WebSocketUpgradeHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The skyrtc server: Jetty with the signaling gate on /ws, the JSON API and the demo pages. */
public final class SkyrtcServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SkyrtcServer.class);
    /** The key the dev-mode API accepts when no key is configured. */
    public static final String DEV_API_KEY = "dev";

    private final SkyrtcConfig config;
    private final PrometheusMetrics prometheus;
    private final SignalingMetrics metrics;
    private final Readiness readiness = new Readiness();
    private final ProtocolCodec codec;
    private final RoomRegistry rooms;
    private final RoomTokens roomTokens;
    private final ApiKeys apiKeys;
    private final TurnService turn;
    private final List<GateLink> gates = new ArrayList<>();
    private final ClusterNode cluster;
    /** Gate envelopes: ISO-8601 times, absent fields left out. */
    private static final com.fasterxml.jackson.databind.ObjectMapper GATE_JSON = ApiHandler.strictMapper();
    private final Health health;
    private final Server jetty;
    private final BatchingConnector connector;
    /** Multi-node mode (redis.url); null on a single node. */
    private final io.skyrtc.signaling.routing.redis.RedisRouting routing;
    private final Drain drain;
    /** Null unless server.metrics.port is set. */
    private final org.eclipse.jetty.server.ServerConnector metricsConnector;
    /** Null without server.tls. */
    private final io.skyrtc.signaling.tls.TlsContext tls;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    private final java.util.concurrent.CompletableFuture<Void> stopped = new java.util.concurrent.CompletableFuture<>();

    /** Log the start-up banner (off for the warm-up's throwaway server). */
    private boolean announce = true;

    public SkyrtcServer(SkyrtcConfig config) {
        this(config, RoomObserver.NONE);
    }

    public SkyrtcServer(SkyrtcConfig config, RoomObserver observer) {
        this.config = config;
        this.prometheus = new PrometheusMetrics(config.actorCore().node());
        this.metrics = new SignalingMetrics(prometheus.registry());
        SkyrtcConfig.Limits l = config.limits();
        this.codec = new ProtocolCodec(FeatureSettings.protocol(config), metrics.messages);
        RoomSettings settings = FeatureSettings.rooms(config);
        this.turn = new TurnService(FeatureSettings.turn(config), Clock.systemUTC());
        io.micrometer.core.instrument.Gauge.builder("skyrtc.turn.servers.usable", turn, t -> {
            var h = t.healthSnapshot();
            return h == null || !h.enabled() ? t.turnUrls().size() : h.usable();
        }).description("turn: URLs handed to clients (health-checked ones only while they pass)")
                .register(metrics.registry());
        io.micrometer.core.instrument.Gauge.builder("skyrtc.turn.servers.configured", turn, t -> t.configuredUrls().size())
                .register(metrics.registry());
        EventBus events = new EventBus(config.actorCore().node(), config.actorCore().nodeId(), Clock.systemUTC());
        this.rooms = new RoomRegistry(settings, codec, turn, metrics, RoomObserver.both(RoomObserver.both(observer, events),
                new PeerCounter(metrics)));
        this.routing = config.redis().enabled() ? new io.skyrtc.signaling.routing.redis.RedisRouting(rooms, codec,
                config.redis().url(), config.redis().keyPrefix(), io.skyrtc.signaling.routing.NodeIds.resolve(
                config.server().nodeId()), config.redis().leaseMs(), config.redis().timeoutMs(), settings.resumeGraceMs(),
                () -> baseUri().toString()) : null;
        if (routing != null) {
            rooms.routeWith(routing);
            routing.registerMeters(metrics.registry());
        }
        CoreCommands commands = new CoreCommands(rooms, GATE_JSON);
        for (SkyrtcConfig.Gate g : config.actorCore().gates()) {
            GateLink link = new GateLink(FeatureSettings.gate(g), config.actorCore().node(), GATE_JSON, commands, metrics.registry());
            events.add(link);
            gates.add(link);
        }
        this.cluster = config.actorCore().cluster().enabled()
                ? new ClusterNode(FeatureSettings.cluster(config.actorCore().cluster()), config.actorCore().node(),
                        config.actorCore().drainTimeoutMs(), commands, GATE_JSON, metrics.registry()) : null;
        if (cluster != null) {
            cluster.subscribe(events);
        }
        this.roomTokens = new RoomTokens(roomTokenSecret(config), Clock.systemUTC());
        this.apiKeys = apiKeys(config);
        this.drain = routing == null
                ? new Drain(readiness, rooms, metrics.peers::get, config.server().drainTimeoutMs(), this::close)
                : new Drain(readiness, rooms, () -> metrics.connections.get() + routing.peersNotMoved(),
                        config.server().drainTimeoutMs(), this::close)
                        .handingOverTo(routing::drain, routing::handOver);
        this.health = new Health(rooms, metrics, config.server().dev(),
                () -> gates.stream().map(GateLink::state).toList(), () -> cluster == null ? null : cluster.state());
        if (routing != null) {
            health.withMultiNode(routing::state);
        }

        QueuedThreadPool threads = new QueuedThreadPool(config.server().maxThreads(), 4);
        threads.setName("http");
        new JettyServerThreadPoolMetrics(threads, List.of()).bindTo(metrics.registry());
        this.jetty = new Server(threads);
        this.tls = ServerTls.context(config.server());
        this.connector = tls == null ? new BatchingConnector(jetty, config.server().effectiveSelectors())
                : new BatchingConnector(jetty, config.server().effectiveSelectors(), tls.factory());
        connector.setHost(config.server().effectiveHost());
        connector.setPort(config.server().port());
        HttpHardening.apply(connector);
        jetty.addConnector(connector);
        jetty.setErrorHandler(new JsonErrorHandler());
        jetty.setStopTimeout(config.server().shutdownGraceMs());

        ContextHandler context = new ContextHandler("/");
        SignalingGate gate = new SignalingGate(codec, rooms,
                new JoinAuthorizer(roomTokens, config.server().dev(), l.maxNameChars()), metrics, FeatureSettings.ws(config));
        WebSocketUpgradeHandler ws = new WebSocketUpgradeHandler(
                WebSocketServerComponents.ensureWebSocketComponents(jetty, context), gate::configure);
        VendorApps vendors = new VendorApps(FeatureSettings.tokenApi(config.vendors()), TokenEnvironment.system());
        ApiHandler api = new ApiHandler(ApiHandler.requestMapper(), apiKeys)
                .limitAuthFailures(new KeyedRateLimiter(config.auth().failuresPerMinutePerIp(),
                        config.auth().failureBurstPerIp(), KeyedRateLimiter.DEFAULT_MAX_KEYS),
                        new ClientAddress(config.server().trustedProxies()))
                .open("GET", "/healthz", health)
                .open("GET", "/livez", Probes.live())
                .open("GET", "/readyz", Probes.ready(readiness, new Probes.Dependencies(
                        config.server().readiness().requireTurn(), config.server().readiness().requireActorCore(),
                        this::turnState, this::actorCoreState), routing == null ? null
                        : () -> java.util.Map.of("redis", routing.redisUp() ? "up" : "down", "node", routing.nodeId())))
                .withApiKey("POST", "/v1/tokens/room", new RoomTokenEndpoint(roomTokens,
                        config.auth().roomTokenTtlSeconds(), config.auth().maxRoomTokenTtlSeconds(),
                        l.maxRoomChars()))
                .open("GET", "/v1/turn/credentials", new TurnCredentialsEndpoint(turn, apiKeys, roomTokens,
                        new KeyedRateLimiter(config.turn().credentialsPerMinute(), config.turn().credentialsBurst(),
                                KeyedRateLimiter.DEFAULT_MAX_KEYS)))
                .open("GET", "/v1/turn/health", call -> turn.healthSnapshot())
                .withApiKey("POST", "/v1/ice/check", new IceCheckEndpoint(turn, config.turn().checkTimeoutMs(),
                        Clock.systemUTC()))
                .withApiKey("POST", "/v1/tokens/agora/rtc", new AgoraRtcEndpoint(vendors, TokenEnvironment.system()))
                .withApiKey("POST", "/v1/tokens/agora/rtm", new AgoraRtmEndpoint(vendors))
                .withApiKey("POST", "/v1/tokens/tencent/usersig", new TencentUserSigEndpoint(vendors))
                .withApiKey("POST", "/v1/tokens/tencent/privmapkey", new TencentPrivateMapKeyEndpoint(vendors));
        AdminRoutes.install(api, commands, rooms, metrics, this::gates,
                () -> cluster == null ? null : cluster.state().events(), this::drain);
        SkyrtcConfig.Demo demoConfig = config.demo();
        if (demoConfig.tokenRoute()) {
            String key = demoConfig.apiKey().isEmpty() ? DEV_API_KEY : demoConfig.apiKey();
            api.open("POST", "/demo/token", new DemoTokenRoute(this::baseUri, key, demoConfig.tokenTtlSeconds(),
                    ApiHandler.strictMapper()));
        }
        ResourceHandler demo = new ResourceHandler();
        demo.setBaseResource(ResourceFactory.of(jetty).newClassLoaderResource("webdemo/"));
        demo.setDirAllowed(false);
        demo.setWelcomeFiles(List.of("index.html"));
        MetricsEndpoint metricsEndpoint = new MetricsEndpoint(IpRanges.of(config.server().metrics().allow()), apiKeys,
                prometheus::scrape);
        ws.setHandler(new SecurityHeaders(new Handler.Sequence(metricsEndpoint, api,
                new SdkAssets(config.demo().sdkCorsOrigins()), new HiddenDemoPages(config.server().dev()), demo)));
        if (config.server().metrics().port() != null) {
            metricsConnector = new org.eclipse.jetty.server.ServerConnector(jetty, 1, 1);
            metricsConnector.setHost(config.server().effectiveHost());
            metricsConnector.setPort(config.server().metrics().port());
            HttpHardening.apply(metricsConnector);
            jetty.addConnector(metricsConnector);
            context.setHandler(new io.skyrtc.signaling.ops.MetricsPort(metricsConnector, metricsEndpoint, ws));
        } else {
            metricsConnector = null;
            context.setHandler(ws);
        }
        jetty.setHandler(context);
    }

    public SkyrtcServer start() throws Exception {
        if (config.server().warmUpMs() > 0) {
            // before the port opens; /readyz says "starting" meanwhile
            StartupWarmUp.run(config, config.server().warmUpMs());
        }
        try {
            jetty.start();
        } catch (Exception e) {
            if (!io.skyrtc.signaling.ops.PortInUseException.isBindFailure(e)) {
                throw e;
            }
            close();
            throw new io.skyrtc.signaling.ops.PortInUseException(config.server().effectiveHost(), config.server().port(),
                    "server.port");
        }
        if (routing != null) {
            routing.start();
            LOG.info("multi-node mode: node {} on Redis (lease {} ms)", routing.nodeId(), config.redis().leaseMs());
        }
        turn.start();
        gates.forEach(GateLink::start);
        if (cluster != null) {
            cluster.start();
        }
        if (announce) {
            announce();
        }
        readiness.ready();
        return this;
    }

    /** What an operator needs to see at start: the mode, missing keys, and where everything is served. */
    private void announce() {
        if (config.server().dev()) {
            LOG.warn("DEV MODE: joins without a room token are accepted, any Origin may connect{}",
                    config.auth().apiKeys().isEmpty() ? ", and the API key '" + DEV_API_KEY + "' is accepted" : "");
            LOG.warn("DEV MODE is for local development only; never expose it to a network");
        } else if (config.auth().apiKeys().isEmpty()) {
            LOG.warn("no API key is configured (auth.apiKeys): minting room tokens (POST /v1/tokens/room) answers 401,"
                    + " so no client can join; create one with `skyrtc apikey new` (README: Production)");
        }
        LOG.info("skyrtc listening on {} (signaling {}/ws)", baseUri(), baseUri().toString().replaceFirst("^http", "ws"));
        String metricsBase = metricsConnector == null ? baseUri().toString()
                : "http://" + baseUri().getHost() + ":" + metricsPort();
        LOG.info("demo {}/ , probes {}/livez {}/readyz, metrics {}/metrics (key-less from {})", baseUri(), baseUri(),
                baseUri(), metricsBase, config.server().metrics().allow());
    }

    /**
     * Not announced at start (the start-up warm-up's throwaway server): its ephemeral port must not be
     * taken for the node's by whoever reads the log.
     */
    SkyrtcServer unannounced() {
        announce = false;
        return this;
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** The port /metrics is served on: server.metrics.port's, or the main one. */
    public int metricsPort() {
        return metricsConnector != null ? metricsConnector.getLocalPort() : port();
    }

    /** TURN for /readyz: ok, down (health checks say no server passes), off (not configured or not checked). */
    private String turnState() {
        var h = turn.healthSnapshot();
        if (!turn.turnConfigured() || h == null || !h.enabled()) {
            return "off";
        }
        return h.usable() > 0 ? "ok" : "down";
    }

    /** The actor core for /readyz: up (every configured link connected), down, or off (none configured). */
    private String actorCoreState() {
        if (gates.isEmpty() && (cluster == null || cluster.state().events() == null)) {
            return "off";
        }
        boolean up = gates.stream().allMatch(g -> g.state().up())
                && (cluster == null || cluster.state().events() == null || cluster.state().events().up());
        return up ? "up" : "down";
    }

    public URI baseUri() {
        String host = config.server().effectiveHost();
        if (host.equals("0.0.0.0")) {
            host = "127.0.0.1";
        }
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create((tls == null ? "http://" : "https://") + host + ":" + port());
    }

    public SignalingMetrics metrics() {
        return metrics;
    }

    public RoomRegistry rooms() {
        return rooms;
    }

    /** Multi-node routing, or null on a single node. */
    public io.skyrtc.signaling.routing.redis.RedisRouting routing() {
        return routing;
    }

    public RoomTokens roomTokens() {
        return roomTokens;
    }

    /** The skynet cluster node, or null when actorCore.cluster is off. */
    public ClusterNode cluster() {
        return cluster;
    }

    /** The actor-core gate links, in config order. */
    public List<GateLink> gates() {
        return List.copyOf(gates);
    }

    public TurnService turn() {
        return turn;
    }

    public Health health() {
        return health;
    }

    /** What {@code /readyz} answers; set not ready while draining or shutting down. */
    public Readiness readiness() {
        return readiness;
    }

    /** The Prometheus text {@code /metrics} serves. */
    public String scrapeMetrics() {
        return prometheus.scrape();
    }

    /**
     * Starts a bounded drain ({@code admin drain}): not ready, joins refused with server-draining, peers
     * told the deadline; the node closes itself once empty or at {@code server.drainTimeoutMs}.
     */
    public Drain.Status drain() {
        return drain.start();
    }

    public Drain.Status drainStatus() {
        return drain.status();
    }

    /** Completes once {@link #close()} has finished (after a drain, or any other close). */
    public java.util.concurrent.CompletableFuture<Void> stopped() {
        return stopped;
    }

    /**
     * SIGTERM: drain, then close; returns once closed. Bounded: the drain's own deadline, then the
     * shutdown grace; past both (something is stuck) the close runs here anyway.
     */
    public void drainAndClose() {
        drain();
        long bound = config.server().drainTimeoutMs() + config.server().shutdownGraceMs() + 5_000;
        try {
            stopped.get(bound, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            LOG.warn("drain did not finish within {} ms; closing now", bound);
            close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
        } catch (java.util.concurrent.ExecutionException e) {
            close();
        }
    }

    /**
     * Graceful stop, in an order that leaves no peer untold: not ready, stop accepting connections, then
     * tell the rooms (every peer that got a welcome gets server-shutdown, and joins from then on are
     * refused with it), then close the sockets and stop Jetty. A second call returns at once.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            closeOnce();
        } finally {
            stopped.complete(null);
        }
    }

    private void closeOnce() {
        readiness.notReady("shutting-down");
        try {
            connector.stopAccepting();
        } catch (RuntimeException e) {
            LOG.warn("could not stop accepting: {}", e.toString());
        }
        try {
            rooms.shutdown().get(config.server().shutdownGraceMs() + 1000, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.warn("rooms did not all shut down in time: {}", e.toString());
        }
        try {
            jetty.stop();
        } catch (Exception e) {
            LOG.warn("jetty stop failed: {}", e.toString());
        }
        if (routing != null) {
            routing.close();
        }
        rooms.close();
        turn.close();
        gates.forEach(GateLink::close);
        if (cluster != null) {
            cluster.close();
        }
        prometheus.close();
        if (tls != null) {
            tls.close();
        }
    }

    private static String roomTokenSecret(SkyrtcConfig config) {
        String secret = config.auth().roomTokenSecret();
        if (secret == null || secret.isEmpty()) {
            // dev only (the validator refuses this in production): a random secret per start
            return io.skyrtc.signaling.room.Ids.random(32);
        }
        return secret;
    }

    private static ApiKeys apiKeys(SkyrtcConfig config) {
        List<ApiKeys.Entry> entries = new ArrayList<>();
        for (SkyrtcConfig.ApiKey k : config.auth().apiKeys()) {
            entries.add(ApiKeys.entry(k.sha256(),
                    new ApiPrincipal(k.name(), k.scopes(), k.maxTtlSeconds(), k.ratePerMinute(), k.rateBurst())));
        }
        if (entries.isEmpty() && config.server().dev()) {
            SkyrtcConfig.ApiKey dev = new SkyrtcConfig.ApiKey(DEV_API_KEY, ApiKeys.sha256Hex(DEV_API_KEY));
            entries.add(ApiKeys.entry(dev.sha256(), new ApiPrincipal(dev.name(), dev.scopes(), 0, dev.ratePerMinute(),
                    dev.rateBurst())));
        }
        return new ApiKeys(entries);
    }
}
