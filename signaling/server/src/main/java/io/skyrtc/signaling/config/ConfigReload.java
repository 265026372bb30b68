package io.skyrtc.signaling.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What a reload may change in a running node (docs/OPERATIONS.md "Reload"). Keys a running node reads
 * again on every use (keys, secrets, apps, origins, limits applied to new connections, log levels,
 * cluster node addresses, gate links added or removed) are live; the rest (ports, TLS, Redis, node
 * identity, room settings, the limits echoed to clients in every welcome, a gate changed in place) needs
 * a restart, and a reload naming any of them is refused whole.
 */
public final class ConfigReload {
    static final Pattern LOGGER_NAME = Pattern.compile("[A-Za-z0-9_$.-]{1,200}");
    static final Set<String> LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

    /** Key paths (a key and everything under it) a running node takes on a reload. */
    static final List<String> LIVE = List.of(
            "auth.apiKeys",
            "vendors",
            "turn.urls", "turn.secrets", "turn.ttlSeconds", "turn.healthIntervalMs", "turn.checkTimeoutMs",
            "ice.servers",
            "server.allowedOrigins",
            "limits.outboundQueueMax", "limits.outboundQueueMaxBytes", "limits.joinTimeoutMs",
            "limits.maxConnections", "limits.maxConnectionsPerIp",
            "logging.levels",
            "config.watch", "config.watchDebounceMs",
            "actorCore.cluster.nodes",
            "actorCore.gates");

    /** Restart-only keys that get a reason of their own in the refusal. */
    static final Map<String, String> WHY_NOT = Map.of(
            "limits", "rooms and every welcome's limits block hold the values the node started with",
            "rooms", "rooms hold the values the node started with");

    /**
     * A reload's verdict.
     *
     * @param changed every key whose value differs (names only: values may be secrets)
     * @param refused the changed keys a running node cannot take, with why; empty = the reload may go on
     */
    public record Changes(List<String> changed, List<String> refused) {
        public boolean allowed() {
            return refused.isEmpty();
        }

        /** The refusal, for the admin caller and the log. */
        public String refusal() {
            return "cannot change without a restart: " + String.join("; ", refused)
                    + " (the running configuration is unchanged)";
        }
    }

    private ConfigReload() {}

    /** Compares the running configuration with a freshly loaded (and validated) one. */
    public static Changes compare(SkyrtcConfig running, SkyrtcConfig next) {
        Map<String, JsonNode> before = leaves(ConfigLoader.yaml().valueToTree(running));
        Map<String, JsonNode> after = leaves(ConfigLoader.yaml().valueToTree(next));
        Set<String> keys = new TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        List<String> changed = new ArrayList<>();
        Map<String, String> refused = new TreeMap<>();
        for (String key : keys) {
            if (java.util.Objects.equals(before.get(key), after.get(key))) {
                continue;
            }
            changed.add(key);
            if (LIVE.stream().noneMatch(live -> under(key, live))) {
                String why = WHY_NOT.entrySet().stream().filter(e -> under(key, e.getKey()))
                        .map(Map.Entry::getValue).findFirst().orElse(null);
                refused.put(key, why == null ? key : key + " (" + why + ")");
            }
        }
        for (String name : changedGates(running, next)) {
            refused.put("actorCore.gates." + name, "actorCore.gates[" + name + "] (a gate link's unacknowledged"
                    + " outbox cannot be handed to a new link: gates may be added or removed live, not changed)");
        }
        // an empty mapping that got entries is a leaf on one side only: name the entries, not the mapping too
        changed.removeIf(key -> changed.stream().anyMatch(other -> other.startsWith(key + ".")));
        return new Changes(List.copyOf(changed), List.copyOf(refused.values()));
    }

    /** A gate's name as its link reports it: {@code name}, else host:port. */
    public static String gateName(SkyrtcConfig.Gate g) {
        return g.name() != null ? g.name() : g.host() + ":" + g.port();
    }

    /** Gates in both configurations, by name, whose settings differ. */
    private static List<String> changedGates(SkyrtcConfig running, SkyrtcConfig next) {
        Map<String, SkyrtcConfig.Gate> before = new TreeMap<>();
        running.actorCore().gates().forEach(g -> before.put(gateName(g), g));
        List<String> changed = new ArrayList<>();
        for (SkyrtcConfig.Gate g : next.actorCore().gates()) {
            SkyrtcConfig.Gate old = before.get(gateName(g));
            if (old != null && !old.equals(g)) {
                changed.add(gateName(g));
            }
        }
        return changed;
    }

    private static boolean under(String key, String prefix) {
        return key.equals(prefix) || key.startsWith(prefix + ".");
    }

    /** key path → value; lists and empty mappings are leaves (compared whole). */
    private static Map<String, JsonNode> leaves(JsonNode tree) {
        Map<String, JsonNode> out = new TreeMap<>();
        collect(tree, "", out);
        return out;
    }

    private static void collect(JsonNode node, String path, Map<String, JsonNode> out) {
        if (node.isObject() && !node.isEmpty()) {
            node.fields().forEachRemaining(e -> collect(e.getValue(), path.isEmpty() ? e.getKey()
                    : path + "." + e.getKey(), out));
        } else {
            out.put(path, node);
        }
    }

    /** The {@code config} and {@code logging} sections (called by the validator). */
    static void check(SkyrtcConfig c) {
        if (c.config() == null) {
            throw new ConfigException("config: expected a mapping of keys (watch, watchDebounceMs)");
        }
        long debounce = c.config().watchDebounceMs();
        if (debounce < 50 || debounce > 60_000) {
            throw new ConfigException("config.watchDebounceMs must be between 50 and 60000 (was " + debounce + ")");
        }
        if (c.logging() == null) {
            throw new ConfigException("logging: expected a mapping of keys (levels, eventQueue)");
        }
        if (c.logging().eventQueue() < 1 || c.logging().eventQueue() > 1_000_000) {
            throw new ConfigException("logging.eventQueue must be between 1 and 1000000 (was "
                    + c.logging().eventQueue() + ")");
        }
        c.logging().levels().forEach((logger, level) -> {
            if (!LOGGER_NAME.matcher(logger).matches()) {
                throw new ConfigException("logging.levels: '" + logger + "' is not a logger name"
                        + " (letters, digits, . _ $ -; ROOT for all)");
            }
            if (level == null || !LEVELS.contains(level.toUpperCase(Locale.ROOT))) {
                throw new ConfigException("logging.levels." + logger + ": '" + level
                        + "' is not one of TRACE, DEBUG, INFO, WARN, ERROR, OFF");
            }
        });
    }
}
