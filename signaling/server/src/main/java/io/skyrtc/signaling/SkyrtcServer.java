package io.skyrtc.signaling;

import io.micrometer.core.instrument.binder.jetty.JettyServerThreadPoolMetrics;
import io.skyrtc.signaling.admin.AdminRoutes;
import io.skyrtc.signaling.auth.JoinAuthorizer;
import io.skyrtc.signaling.auth.RoomTokens;
import io.skyrtc.signaling.config.FeatureSettings;
import io.skyrtc.signaling.config.ServerTls;
import io.skyrtc.signaling.config.SkyrtcConfig;
import io.skyrtc.signaling.demo.HiddenDemoPages;
import io.skyrtc.signaling.demo.SdkAssets;
import io.skyrtc.signaling.http.ApiHandler;
import io.skyrtc.signaling.http.Health;
import io.skyrtc.signaling.http.HttpHardening;
import io.skyrtc.signaling.http.SecurityHeaders;
import io.skyrtc.signaling.limits.IpRanges;
import io.skyrtc.signaling.metrics.SignalingMetrics;
import io.skyrtc.signaling.ops.Drain;
import io.skyrtc.signaling.ops.JsonErrorHandler;
import io.skyrtc.signaling.ops.MetricsEndpoint;
import io.skyrtc.signaling.ops.MetricsPort;
import io.skyrtc.signaling.ops.PortInUseException;
import io.skyrtc.signaling.ops.Readiness;
import io.skyrtc.signaling.room.RoomObserver;
import io.skyrtc.signaling.room.RoomRegistry;
import io.skyrtc.signaling.routing.redis.RedisRouting;
import io.skyrtc.signaling.skynet.GateLink;
import io.skyrtc.signaling.skynet.cluster.ClusterEventLink;
import io.skyrtc.signaling.skynet.cluster.ClusterNode;
import io.skyrtc.signaling.tls.TlsContext;
import io.skyrtc.signaling.turn.TurnService;
import io.skyrtc.signaling.ws.BatchingConnector;
import io.skyrtc.signaling.ws.SignalingEndpoint;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.core.server.WebSocketServerComponents;
import org.eclipse.jetty.websocket.core.server.WebSocketUpgradeHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The skyrtc server: Jetty with the signaling endpoint on /ws, the JSON API and the demo pages, and the life
 * cycle of the node (start, drain, close). The features themselves are built by {@link ServerFeatures}.
 */
public final class SkyrtcServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SkyrtcServer.class);
    /** The key the dev-mode API accepts when no key is configured. */
    public static final String DEV_API_KEY = "dev";

    private final SkyrtcConfig config;
    private final ServerFeatures f;
    private final Readiness readiness = new Readiness();
    private final Health health;
    private final Server jetty;
    private final BatchingConnector connector;
    private final Drain drain;
    private final ServerReload reload;
    /** Null unless server.metrics.port is set. */
    private final ServerConnector metricsConnector;
    /** Null without server.tls. */
    private final TlsContext tls;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();

    /** Log the start-up banner (off for the warm-up's throwaway server). */
    private boolean announce = true;

    public SkyrtcServer(SkyrtcConfig config) {
        this(config, RoomObserver.NONE);
    }

    public SkyrtcServer(SkyrtcConfig config, RoomObserver observer) {
        this.config = config;
        this.f = new ServerFeatures(config, observer, () -> baseUri().toString());
        this.drain = f.routing == null
                ? new Drain(readiness, f.rooms, f.metrics.peers::get, config.server().drainTimeoutMs(), this::close)
                : new Drain(readiness, f.rooms, () -> f.metrics.connections.get() + f.routing.peersNotMoved(),
                        config.server().drainTimeoutMs(), this::close)
                        .handingOverTo(f.routing::drain, f.routing::handOver);
        this.health = new Health(f.rooms, f.metrics, config.server().dev(),
                () -> f.gates.stream().map(GateLink::state).toList(), () -> f.cluster == null ? null : f.cluster.state());
        if (f.routing != null) {
            health.withMultiNode(f.routing::state);
        }

        QueuedThreadPool threads = new QueuedThreadPool(config.server().maxThreads(), 4);
        threads.setName("http");
        new JettyServerThreadPoolMetrics(threads, List.of()).bindTo(f.metrics.registry());
        io.skyrtc.signaling.logs.EventLineAppender.bindTo(f.metrics.registry());
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
        SignalingEndpoint endpoint = new SignalingEndpoint(f.codec, f.rooms, new JoinAuthorizer(f.roomTokens, config.server().dev(),
                config.limits().maxNameChars()), f.metrics, FeatureSettings.ws(config));
        this.reload = new ServerReload(config, f, endpoint);
        WebSocketUpgradeHandler ws = new WebSocketUpgradeHandler(
                WebSocketServerComponents.ensureWebSocketComponents(jetty, context), endpoint::configure);
        ApiHandler api = HttpRoutes.api(config, f, health, readiness, adminActions(), this::baseUri);
        ResourceHandler demo = new ResourceHandler();
        demo.setBaseResource(ResourceFactory.of(jetty).newClassLoaderResource("webdemo/"));
        demo.setDirAllowed(false);
        demo.setWelcomeFiles(List.of("index.html"));
        MetricsEndpoint metricsEndpoint = new MetricsEndpoint(IpRanges.of(config.server().metrics().allow()), f.apiKeys,
                f.prometheus::scrape);
        ws.setHandler(new SecurityHeaders(new Handler.Sequence(metricsEndpoint, api,
                new SdkAssets(config.demo().sdkCorsOrigins()), new HiddenDemoPages(config.server().dev()), demo)));
        if (config.server().metrics().port() != null) {
            metricsConnector = new ServerConnector(jetty, 1, 1);
            metricsConnector.setHost(config.server().effectiveHost());
            metricsConnector.setPort(config.server().metrics().port());
            HttpHardening.apply(metricsConnector);
            jetty.addConnector(metricsConnector);
            context.setHandler(new MetricsPort(metricsConnector, metricsEndpoint, ws));
        } else {
            metricsConnector = null;
            context.setHandler(ws);
        }
        jetty.setHandler(context);
    }

    private AdminRoutes.Actions adminActions() {
        return new AdminRoutes.Actions() {
            @Override
            public List<GateLink> gates() {
                return SkyrtcServer.this.gates();
            }

            @Override
            public ClusterEventLink.State clusterEvents() {
                return f.cluster == null ? null : f.cluster.state().events();
            }

            @Override
            public Drain.Status drain() {
                return SkyrtcServer.this.drain();
            }

            @Override
            public AdminRoutes.ReloadOutcome reload() {
                return SkyrtcServer.this.reload("admin");
            }
        };
    }

    public SkyrtcServer start() throws Exception {
        if (config.server().warmUpMs() > 0) {
            // before the port opens; /readyz says "starting" meanwhile
            StartupWarmUp.run(config, config.server().warmUpMs());
        }
        try {
            jetty.start();
        } catch (Exception e) {
            if (!PortInUseException.isBindFailure(e)) {
                throw e;
            }
            close();
            throw new PortInUseException(config.server().effectiveHost(), config.server().port(), "server.port");
        }
        if (f.routing != null) {
            try {
                f.routing.start();
            } catch (io.skyrtc.signaling.routing.redis.RedisClusterRefused e) {
                close();
                throw new io.skyrtc.signaling.config.ConfigException(e.getMessage());
            } catch (io.skyrtc.signaling.routing.redis.NodeIdTaken e) {
                close();  // another running node has this server.nodeId
                throw new io.skyrtc.signaling.config.ConfigException(e.getMessage());
            }
            LOG.info("multi-node mode: node {} on Redis (lease {} ms)", f.routing.nodeId(), config.redis().leaseMs());
        }
        f.start();
        reload.start();
        if (announce) {
            StartupBanner.log(config, baseUri(), metricsConnector == null ? baseUri().toString()
                    : "http://" + baseUri().getHost() + ":" + metricsPort());
        }
        readiness.ready();
        return this;
    }

    /**
     * Where a reload re-reads the configuration: {@code loader} (the same sources as at start), and
     * {@code file}, watched when {@code config.watch} is on (null = none). Before {@link #start()}.
     */
    public SkyrtcServer reloadFrom(java.nio.file.Path file, java.util.function.Supplier<SkyrtcConfig> loader) {
        reload.from(file, loader);
        return this;
    }

    /**
     * Re-reads the configuration ({@code admin reload}, SIGHUP, the file watch) and applies what may change
     * live; refuses the whole file when it is invalid or changes a restart-only key (docs/OPERATIONS.md).
     *
     * @param trigger what asked for it, for the {@code event=reload} line
     */
    public AdminRoutes.ReloadOutcome reload(String trigger) {
        return reload.reload(trigger);
    }

    /** The configuration the node runs with now (the start's, or the last reload's). */
    public SkyrtcConfig config() {
        return reload.running();
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
        return f.metrics;
    }

    public RoomRegistry rooms() {
        return f.rooms;
    }

    /** Multi-node routing, or null on a single node. */
    public RedisRouting routing() {
        return f.routing;
    }

    public RoomTokens roomTokens() {
        return f.roomTokens;
    }

    /** The skynet cluster node, or null when actorCore.cluster is off. */
    public ClusterNode cluster() {
        return f.cluster;
    }

    /** The actor-core gate links, in config order. */
    public List<GateLink> gates() {
        return List.copyOf(f.gates);
    }

    public TurnService turn() {
        return f.turn;
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
        return f.prometheus.scrape();
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
    public CompletableFuture<Void> stopped() {
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
        } catch (TimeoutException e) {
            LOG.warn("drain did not finish within {} ms; closing now", bound);
            close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
        } catch (ExecutionException e) {
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
        reload.close();
        try {
            connector.stopAccepting();
        } catch (RuntimeException e) {
            LOG.warn("could not stop accepting: {}", e.toString());
        }
        try {
            f.rooms.shutdown().get(config.server().shutdownGraceMs() + 1000, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.warn("rooms did not all shut down in time: {}", e.toString());
        }
        try {
            jetty.stop();
        } catch (Exception e) {
            LOG.warn("jetty stop failed: {}", e.toString());
        }
        f.close();
        if (tls != null) {
            tls.close();
        }
    }
}
