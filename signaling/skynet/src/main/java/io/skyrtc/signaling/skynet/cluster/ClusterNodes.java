package io.skyrtc.signaling.skynet.cluster;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * The cluster name table, as skynet's cluster config: node name → "host:port", or {@code false} for a
 * node that is down. Names come from skyrtc's config and, if set, from a skynet cluster config file
 * (a Lua file, run as skynet runs it), which wins on a clash. {@link #reload()} re-reads the
 * file; a changed or removed address notifies listeners (the client to it drops its connection).
 */
public final class ClusterNodes {
    private volatile Map<String, String> fromConfig;
    private final Path file;
    private final List<BiConsumer<String, String>> listeners = new CopyOnWriteArrayList<>();
    private volatile Map<String, String> nodes;

    /** @param file a skynet cluster config file, or null */
    public ClusterNodes(Map<String, String> fromConfig, Path file) {
        this.fromConfig = Map.copyOf(fromConfig);
        this.file = file;
        this.nodes = merged();
    }

    /** skyrtc's own table replaced (a config reload), then {@link #reload()}; returns the names that changed. */
    public synchronized List<String> replaceConfigured(Map<String, String> configured) {
        Map<String, String> before = fromConfig;
        fromConfig = Map.copyOf(configured);
        try {
            return reload();
        } catch (RuntimeException e) {
            fromConfig = before;
            throw e;
        }
    }

    /** Called with (node, new address or null when removed) for every node whose entry changed. */
    public void onChange(BiConsumer<String, String> listener) {
        listeners.add(listener);
    }

    /**
     * Re-reads the file; returns the names whose entry changed. A file that cannot be read or parsed
     * throws {@link IllegalArgumentException} and the old table stays.
     */
    public synchronized List<String> reload() {
        Map<String, String> next = merged();
        Map<String, String> before = nodes;
        nodes = next;
        List<String> changed = new java.util.ArrayList<>();
        for (String name : union(before, next)) {
            if (!Objects.equals(before.get(name), next.get(name))) {
                changed.add(name);
                listeners.forEach(l -> l.accept(name, next.get(name)));
            }
        }
        return changed;
    }

    /** The current table (name → "host:port" or "false"). */
    public Map<String, String> table() {
        return nodes;
    }

    /** Where {@code node} is now; {@link ClusterException} UNAVAILABLE when it is absent or down. */
    public InetSocketAddress address(String node) {
        String value = nodes.get(node);
        if (value == null) {
            throw new ClusterException(ClusterException.Kind.UNAVAILABLE, "cluster node [" + node + "] is absent");
        }
        if (value.equals("false")) {
            throw new ClusterException(ClusterException.Kind.UNAVAILABLE, "cluster node [" + node + "] is down");
        }
        InetSocketAddress a = hostPort(node, value);
        return new InetSocketAddress(a.getHostString(), a.getPort());  // resolved now: DNS may have moved it
    }

    /** "host:port" or "[v6]:port" → an unresolved-until-connect address. */
    public static InetSocketAddress hostPort(String node, String value) {
        return hostPort(node, value, 1);
    }

    /** As {@link #hostPort(String, String)}, with the lowest port allowed (0 for a listen address). */
    public static InetSocketAddress hostPort(String node, String value, int minPort) {
        int colon = value.lastIndexOf(':');
        try {
            if (colon <= 0) {
                throw new NumberFormatException();
            }
            String host = value.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            int port = Integer.parseInt(value.substring(colon + 1));
            if (port < minPort || port > 65_535) {
                throw new NumberFormatException();
            }
            return InetSocketAddress.createUnresolved(host, port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("cluster node " + node + ": \"" + value
                    + "\" is not host:port (or false)");
        }
    }

    /**
     * Reads a skynet cluster config file's text as Lua, as skynet does ({@link ClusterConfigFile});
     * options ({@code __nowaiting}) and values that are not host:port or false are skipped.
     */
    public static Map<String, String> parseLua(String text, String source) {
        return ClusterConfigFile.read(text, source);
    }

    private Map<String, String> merged() {
        Map<String, String> out = new LinkedHashMap<>(fromConfig);
        if (file != null) {
            try {
                out.putAll(parseLua(Files.readString(file, StandardCharsets.UTF_8), file.toString()));
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read cluster config " + file + ": " + e.getMessage());
            }
        }
        return Map.copyOf(out);
    }

    private static java.util.Set<String> union(Map<String, String> a, Map<String, String> b) {
        java.util.Set<String> all = new java.util.TreeSet<>(a.keySet());
        all.addAll(b.keySet());
        return all;
    }
}
