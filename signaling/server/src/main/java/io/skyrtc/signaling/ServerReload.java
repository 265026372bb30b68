package io.skyrtc.signaling;

import io.skyrtc.signaling.admin.AdminRoutes.ReloadOutcome;
import io.skyrtc.signaling.admin.LogLevels;
import io.skyrtc.signaling.config.ConfigException;
import io.skyrtc.signaling.config.ConfigReload;
import io.skyrtc.signaling.config.FeatureSettings;
import io.skyrtc.signaling.config.SkyrtcConfig;
import io.skyrtc.signaling.logs.EventLog;
import io.skyrtc.signaling.ws.SignalingEndpoint;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hot reload ({@code admin reload}, SIGHUP, {@code config.watch}): the file is loaded and validated whole,
 * compared with the running configuration ({@link ConfigReload}), and only when every changed key can
 * change live is it handed to the features, each of which swaps its own immutable settings at once. The
 * running snapshot is replaced last; a refused reload leaves everything as it was.
 */
final class ServerReload implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServerReload.class);

    private final ServerFeatures f;
    private final SignalingEndpoint endpoint;
    private volatile SkyrtcConfig running;
    private Supplier<SkyrtcConfig> source;
    private Path file;
    private ConfigFileWatcher watcher;
    private boolean closed;

    ServerReload(SkyrtcConfig config, ServerFeatures features, SignalingEndpoint endpoint) {
        this.running = config;
        this.f = features;
        this.endpoint = endpoint;
        for (String outcome : List.of("ok", "invalid", "restart-needed")) {
            counter(outcome);  // every outcome exported from the start, at 0 (rate() and alerts see the first one)
        }
    }

    /** Where a reload reads the configuration from: the file (watched when config.watch) and its loader. */
    synchronized void from(Path file, Supplier<SkyrtcConfig> loader) {
        this.file = file;
        this.source = loader;
    }

    SkyrtcConfig running() {
        return running;
    }

    /** At start: the configured log levels, and the file watch when config.watch is on. */
    synchronized void start() {
        LogLevels.apply(running.logging().levels(), java.util.Map.of());
        watch(running.config());
    }

    /** One reload; {@code trigger} (admin, sighup, watch) goes into the event line. */
    synchronized ReloadOutcome reload(String trigger) {
        if (closed) {  // a late SIGHUP must not start watchers or gate links on a stopped node (nor count)
            return ReloadOutcome.refused("invalid", List.of(), "this node has stopped");
        }
        if (source == null) {
            return refused(trigger, "invalid", List.of(), "this node was started without a config source to re-read");
        }
        SkyrtcConfig next;
        try {
            next = source.get();
        } catch (ConfigException e) {
            return refused(trigger, "invalid", List.of(), e.getMessage());
        } catch (RuntimeException e) {
            return refused(trigger, "invalid", List.of(), "cannot read the configuration: " + e);
        }
        ConfigReload.Changes changes = ConfigReload.compare(running, next);
        if (!changes.allowed()) {
            return refused(trigger, "restart-needed", changes.changed(), changes.refusal());
        }
        if (f.cluster != null && changes.changed().stream().anyMatch(k -> k.startsWith("actorCore.cluster.nodes"))) {
            try {  // first: the one step that can fail (it re-reads the cluster's nodes file too)
                f.cluster.reconfigureNodes(next.actorCore().cluster().nodes());
            } catch (RuntimeException e) {
                return refused(trigger, "invalid", changes.changed(), "actorCore.cluster.nodes: " + e.getMessage());
            }
        }
        if (!changes.changed().isEmpty()) {
            apply(running, next, changes.changed());
            running = next;
        }
        count("ok");
        EventLog.info("reload", "outcome", "ok", "trigger", trigger,
                "changed", changes.changed().isEmpty() ? "none" : String.join(",", changes.changed()));
        return ReloadOutcome.ok(changes.changed());
    }

    /** {@code skyrtc_config_reloads_total{outcome}}: ok, invalid or restart-needed. */
    private void count(String outcome) {
        counter(outcome).increment();
    }

    private io.micrometer.core.instrument.Counter counter(String outcome) {
        return io.micrometer.core.instrument.Counter.builder("skyrtc.config.reloads").tag("outcome", outcome)
                .description("configuration reloads by outcome").register(f.metrics.registry());
    }

    private ReloadOutcome refused(String trigger, String reason, List<String> changed, String message) {
        count(reason);
        EventLog.info("reload", "outcome", "refused", "trigger", trigger, "reason", reason,
                "changed", changed.isEmpty() ? null : String.join(",", changed), "error", message);
        return ReloadOutcome.refused(reason, changed, message);
    }

    private void apply(SkyrtcConfig before, SkyrtcConfig next, List<String> changed) {
        f.apiKeys.replace(ServerFeatures.apiKeyEntries(next));
        f.vendors.reconfigure(FeatureSettings.tokenApi(next.vendors()));
        if (changed.stream().anyMatch(k -> k.startsWith("turn.") || k.startsWith("ice."))) {
            f.turn.reconfigure(FeatureSettings.turn(next));
            f.turnMeters.sync();
        }
        endpoint.reconfigure(FeatureSettings.ws(next));
        if (changed.stream().anyMatch(k -> k.startsWith("actorCore.gates"))) {
            f.reconcileGates(next.actorCore().gates());
        }
        LogLevels.apply(next.logging().levels(), before.logging().levels());
        if (!next.config().equals(before.config())) {
            watch(next.config());
        }
    }

    private void watch(SkyrtcConfig.Reload settings) {
        if (watcher != null) {
            watcher.close();
            watcher = null;
        }
        if (settings.watch() && file != null) {
            try {
                watcher = new ConfigFileWatcher(file, settings.watchDebounceMs(), () -> reload("watch"));
            } catch (java.io.IOException e) {
                LOG.warn("config.watch: cannot watch {}: {}", file, e.toString());
            }
        } else if (settings.watch()) {
            LOG.warn("config.watch is on but no config file was given (--config or SKYRTC_CONFIG): nothing to watch");
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (watcher != null) {
            watcher.close();
            watcher = null;
        }
    }
}
