package io.skyrtc.signaling.skynet.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.skyrtc.signaling.actorcore.CoreCommand;
import io.skyrtc.signaling.events.EventBus;
import io.skyrtc.signaling.skynet.CoreCommands;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * skyrtc as a skynet cluster node: the name table (reloaded when its file changes), one client per
 * remote node, the cluster port serving the commands under {@code @register}, and the room-event
 * delivery to {@code eventsNode}.
 */
public final class ClusterNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterNode.class);

    /** What /healthz shows. */
    public record State(String listen, String register, Map<String, String> nodes, ClusterEventLink.State events) {}

    private final ClusterSettings config;
    private final long drainTimeoutMs;
    private final ClusterNodes nodes;
    private final ClusterServices services = new ClusterServices();
    private final Map<String, ClusterClient> clients = new ConcurrentHashMap<>();
    private final ClusterEventLink events;
    private final ScheduledExecutorService reloader;
    private ClusterServer server;
    private FileTime nodesFileTime;

    public ClusterNode(ClusterSettings config, String localNode, long drainTimeoutMs, CoreCommands commands, ObjectMapper json,
                       MeterRegistry metrics) {
        this.config = config;
        this.drainTimeoutMs = drainTimeoutMs;
        Path file = config.nodesFile() == null ? null : Path.of(config.nodesFile());
        this.nodes = new ClusterNodes(config.nodes(), file);
        nodes.onChange((node, address) -> {
            ClusterClient c = clients.get(node);
            if (c != null) {
                c.disconnect("cluster node " + node + " moved to " + address);
            }
        });
        services.register(config.register(), new MeteredService(new CommandService(commands),
                Set.copyOf(CoreCommand.Name.wireNames()), CommandService.failureCodes(), metrics));
        this.events = config.eventsNode() == null ? null
                : new ClusterEventLink(config, localNode, client(config.eventsNode()), json, metrics);
        this.reloader = file == null || config.reloadIntervalMs() == 0 ? null
                : Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "cluster-config-reload");
                    t.setDaemon(true);
                    return t;
                });
        this.nodesFileTime = file == null ? null : modified(file);
    }

    public ClusterNode start() throws IOException {
        if (config.listen() != null) {
            InetSocketAddress at = ClusterNodes.hostPort("listen", config.listen(), 0);
            server = new ClusterServer(at.getHostString(), at.getPort(), services, config.maxMessageBytes(),
                    config.maxConnections()).start();
        }
        if (events != null) {
            events.start();
        }
        if (reloader != null) {
            reloader.scheduleWithFixedDelay(this::reloadIfChanged, config.reloadIntervalMs(),
                    config.reloadIntervalMs(), TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /** The events sink, or null when no eventsNode is configured. */
    public ClusterEventLink events() {
        return events;
    }

    /** The client for a node of the name table (created on first use; connects on its first request). */
    public ClusterClient client(String node) {
        return clients.computeIfAbsent(node, n -> new ClusterClient(n, () -> nodes.address(n),
                (int) config.connectTimeoutMs(), config.maxMessageBytes()));
    }

    /** The cluster port, or -1 when not listening. */
    public int port() {
        return server == null ? -1 : server.port();
    }

    /** A config reload's {@code actorCore.cluster.nodes}; returns the nodes whose address changed. */
    public List<String> reconfigureNodes(Map<String, String> configured) {
        List<String> changed = nodes.replaceConfigured(configured);
        if (!changed.isEmpty()) {
            LOG.info("cluster: nodes reconfigured, changed nodes: {}", changed);
        }
        return changed;
    }

    /** Re-reads the cluster config file now; returns the nodes whose address changed. */
    public List<String> reload() {
        List<String> changed = nodes.reload();
        if (!changed.isEmpty()) {
            LOG.info("cluster: config reloaded, changed nodes: {}", changed);
        }
        return changed;
    }

    public State state() {
        return new State(server == null ? null : config.listen(), "@" + config.register(), nodes.table(),
                events == null ? null : events.state());
    }

    private void reloadIfChanged() {
        Path file = Path.of(config.nodesFile());
        FileTime now = modified(file);
        if (now == null || now.equals(nodesFileTime)) {
            return;
        }
        nodesFileTime = now;
        try {
            reload();
        } catch (IllegalArgumentException e) {
            LOG.error("cluster: {} not reloaded, keeping the previous table: {}", file, e.getMessage());
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return null;
        }
    }

    /** Stops the node; unacknowledged events first get up to actorCore.drainTimeoutMs to be delivered. */
    @Override
    public void close() {
        if (reloader != null) {
            reloader.shutdownNow();
        }
        if (events != null) {
            try {
                events.drain(drainTimeoutMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            events.close();
        }
        if (server != null) {
            server.close();
        }
        clients.values().forEach(ClusterClient::close);
    }

    /** Room events go to eventsNode when one is configured. */
    public void subscribe(EventBus bus) {
        if (events != null) {
            bus.add(events);
        }
    }
}
