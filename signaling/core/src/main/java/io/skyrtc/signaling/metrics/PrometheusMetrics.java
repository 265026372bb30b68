package io.skyrtc.signaling.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.NamingConvention;
import io.micrometer.prometheusmetrics.PrometheusNamingConvention;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The registry {@code /metrics} exports: every meter exported as {@code skyrtc_*} (JVM and Jetty meters get the
 * prefix too, so one query prefix finds all of a node's series) and tagged {@code node} with the node's
 * name (the server picks it: actorCore.node, or server.nodeId in multi-node mode). Tags never carry room names, peer ids or user names; only bounded sets
 * (message types, error and close codes, configured gate and cluster names).
 */
public final class PrometheusMetrics implements AutoCloseable {
    public static final String PREFIX = "skyrtc.";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();

    public PrometheusMetrics(String node) {
        // the cluster link's own "node" tag names the remote skynet node; keep it apart from ours
        registry.config().meterFilter(MeterFilter.renameTag(PREFIX + "cluster", "node", "cluster_node"));
        // the prefix is added on export only, so in-process lookups keep Micrometer's own names
        PrometheusNamingConvention prometheusNames = new PrometheusNamingConvention();
        registry.config().namingConvention(new NamingConvention() {
            @Override
            public String name(String name, Meter.Type type, String baseUnit) {
                return prometheusNames.name(name.startsWith(PREFIX) ? name : PREFIX + name, type, baseUnit);
            }

            @Override
            public String tagKey(String key) {
                return prometheusNames.tagKey(key);
            }
        });
        registry.config().commonTags("node", node);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The Prometheus text exposition format (0.0.4). */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
