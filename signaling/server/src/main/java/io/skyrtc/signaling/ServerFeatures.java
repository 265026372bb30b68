package io.skyrtc.signaling;

import io.micrometer.core.instrument.Gauge;
import io.skyrtc.signaling.auth.ApiKeys;
import io.skyrtc.signaling.auth.ApiPrincipal;
import io.skyrtc.signaling.auth.RoomTokens;
import io.skyrtc.signaling.config.FeatureSettings;
import io.skyrtc.signaling.config.SkyrtcConfig;
import io.skyrtc.signaling.events.EventBus;
import io.skyrtc.signaling.http.ApiHandler;
import io.skyrtc.signaling.metrics.PrometheusMetrics;
import io.skyrtc.signaling.metrics.SignalingMetrics;
import io.skyrtc.signaling.protocol.ProtocolCodec;
import io.skyrtc.signaling.room.PeerCounter;
import io.skyrtc.signaling.room.RoomObserver;
import io.skyrtc.signaling.room.RoomRegistry;
import io.skyrtc.signaling.room.RoomSettings;
import io.skyrtc.signaling.routing.NodeIds;
import io.skyrtc.signaling.routing.redis.RedisRouting;
import io.skyrtc.signaling.skynet.CoreCommands;
import io.skyrtc.signaling.skynet.GateLink;
import io.skyrtc.signaling.skynet.cluster.ClusterNode;
import io.skyrtc.signaling.tokenapi.VendorApps;
import io.skyrtc.signaling.turn.TurnHealthMeters;
import io.skyrtc.signaling.turn.TurnService;
import io.skyrtc.tokens.TokenEnvironment;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The features a node runs, built from one configuration: metrics, rooms, TURN, multi-node routing, the
 * actor-core links, tokens and keys. {@link SkyrtcServer} puts them behind Jetty and runs their life cycle.
 */
final class ServerFeatures {
    /** Gate envelopes: ISO-8601 times, absent fields left out. */
    static final com.fasterxml.jackson.databind.ObjectMapper GATE_JSON = ApiHandler.strictMapper();

    final PrometheusMetrics prometheus;
    final SignalingMetrics metrics;
    final ProtocolCodec codec;
    final TurnService turn;
    final TurnHealthMeters turnMeters;
    final EventBus events;
    final RoomRegistry rooms;
    /** Multi-node mode (redis.url); null on a single node. */
    final RedisRouting routing;
    final CoreCommands commands;
    /** Config order; a reload may add and remove links (never change one: see ConfigReload). */
    final List<GateLink> gates = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final String node;
    /** Links added by a reload before {@link #start()} are started with the others. */
    private boolean started;
    /** Null when actorCore.cluster is off. */
    final ClusterNode cluster;
    final RoomTokens roomTokens;
    final ApiKeys apiKeys;
    final VendorApps vendors;

    ServerFeatures(SkyrtcConfig config, RoomObserver observer, Supplier<String> baseUri) {
        this.node = config.actorCore().node();
        String nodeId = config.redis().enabled() ? NodeIds.resolve(config.server().nodeId()) : null;
        // the node tag: in multi-node mode the cluster's node id (configured unique per node, or random), so
        // nodes left at actorCore.node's default do not export the same series; else actorCore.node
        this.prometheus = new PrometheusMetrics(nodeId != null ? nodeId : config.actorCore().node());
        this.metrics = new SignalingMetrics(prometheus.registry());
        this.codec = new ProtocolCodec(FeatureSettings.protocol(config), metrics.messages);
        RoomSettings settings = FeatureSettings.rooms(config);
        this.turn = new TurnService(FeatureSettings.turn(config), Clock.systemUTC());
        Gauge.builder("skyrtc.turn.servers.usable", turn, t -> {
            var h = t.healthSnapshot();
            return h == null || !h.enabled() ? t.turnUrls().size() : h.usable();
        }).description("turn: URLs handed to clients (health-checked ones only while they pass)")
                .register(metrics.registry());
        Gauge.builder("skyrtc.turn.servers.configured", turn, t -> t.configuredUrls().size())
                .register(metrics.registry());
        this.turnMeters = new TurnHealthMeters(turn, metrics.registry());
        this.events = new EventBus(config.actorCore().node(), config.actorCore().nodeId(), Clock.systemUTC());
        this.rooms = new RoomRegistry(settings, codec, turn, metrics, RoomObserver.both(RoomObserver.both(observer, events),
                new PeerCounter(metrics)));
        this.routing = config.redis().enabled() ? new RedisRouting(rooms, codec, config.redis().url(),
                config.redis().cluster(), config.redis().keyPrefix(), nodeId, config.redis().leaseMs(),
                config.redis().timeoutMs(), settings.resumeGraceMs(), baseUri) : null;
        if (routing != null) {
            rooms.routeWith(routing);
            routing.registerMeters(metrics.registry());
        }
        this.commands = new CoreCommands(rooms, GATE_JSON);
        for (SkyrtcConfig.Gate g : config.actorCore().gates()) {
            gates.add(gateLink(g));
        }
        this.cluster = config.actorCore().cluster().enabled()
                ? new ClusterNode(FeatureSettings.cluster(config.actorCore().cluster()), config.actorCore().node(),
                        config.actorCore().drainTimeoutMs(), commands, GATE_JSON, metrics.registry()) : null;
        if (cluster != null) {
            cluster.subscribe(events);
        }
        this.roomTokens = new RoomTokens(roomTokenSecret(config), Clock.systemUTC());
        this.apiKeys = new ApiKeys(apiKeyEntries(config));
        this.vendors = new VendorApps(FeatureSettings.tokenApi(config.vendors()), TokenEnvironment.system());
    }

    private GateLink gateLink(SkyrtcConfig.Gate g) {
        GateLink link = new GateLink(FeatureSettings.gate(g), node, GATE_JSON, commands, metrics.registry());
        events.add(link);
        return link;
    }

    /**
     * A reload's {@code actorCore.gates}: links of gates no longer listed stop getting events and close in
     * the background (each waits its drainTimeoutMs for acks, then its meters go); new gates get a started
     * link. Gates in both lists are the same (ConfigReload refuses a changed one).
     */
    synchronized void reconcileGates(List<SkyrtcConfig.Gate> next) {
        java.util.Map<String, GateLink> running = new java.util.LinkedHashMap<>();
        gates.forEach(l -> running.put(l.name(), l));
        List<GateLink> ordered = new ArrayList<>();
        for (SkyrtcConfig.Gate g : next) {
            GateLink kept = running.remove(io.skyrtc.signaling.config.ConfigReload.gateName(g));
            ordered.add(kept != null ? kept : started ? gateLink(g).start() : gateLink(g));
        }
        gates.clear();
        gates.addAll(ordered);
        for (GateLink gone : running.values()) {
            events.remove(gone);
            Thread t = new Thread(() -> {
                gone.close();
                metrics.registry().getMeters().stream().filter(m -> gone.name().equals(m.getId().getTag("gate")))
                        .forEach(metrics.registry()::remove);
            }, "gate-close-" + gone.name());
            t.setDaemon(true);
            t.start();
        }
    }

    /** TURN for /readyz: ok, down (health checks say no server passes), off (not configured or not checked). */
    String turnState() {
        var h = turn.healthSnapshot();
        if (!turn.turnConfigured() || h == null || !h.enabled()) {
            return "off";
        }
        return h.usable() > 0 ? "ok" : "down";
    }

    /** The actor core for /readyz: up (every configured link connected), down, or off (none configured). */
    String actorCoreState() {
        if (gates.isEmpty() && (cluster == null || cluster.state().events() == null)) {
            return "off";
        }
        boolean up = gates.stream().allMatch(g -> g.state().up())
                && (cluster == null || cluster.state().events() == null || cluster.state().events().up());
        return up ? "up" : "down";
    }

    synchronized void start() throws java.io.IOException {
        started = true;
        turn.start();
        gates.forEach(GateLink::start);
        if (cluster != null) {
            cluster.start();
        }
    }

    /** After Jetty has stopped: what the rooms and links hold. */
    void close() {
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
    }

    private static String roomTokenSecret(SkyrtcConfig config) {
        String secret = config.auth().roomTokenSecret();
        if (secret == null || secret.isEmpty()) {
            // dev only (the validator refuses this in production): a random secret per start
            return io.skyrtc.signaling.room.Ids.random(32);
        }
        return secret;
    }

    /** auth.apiKeys as the API checks them; in dev mode with none configured, the key {@code dev}. */
    static List<ApiKeys.Entry> apiKeyEntries(SkyrtcConfig config) {
        List<ApiKeys.Entry> entries = new ArrayList<>();
        for (SkyrtcConfig.ApiKey k : config.auth().apiKeys()) {
            entries.add(ApiKeys.entry(k.sha256(),
                    new ApiPrincipal(k.name(), k.scopes(), k.maxTtlSeconds(), k.ratePerMinute(), k.rateBurst())));
        }
        if (entries.isEmpty() && config.server().dev()) {
            SkyrtcConfig.ApiKey dev = new SkyrtcConfig.ApiKey(SkyrtcServer.DEV_API_KEY,
                    ApiKeys.sha256Hex(SkyrtcServer.DEV_API_KEY));
            entries.add(ApiKeys.entry(dev.sha256(), new ApiPrincipal(dev.name(), dev.scopes(), 0, dev.ratePerMinute(),
                    dev.rateBurst())));
        }
        return entries;
    }
}
