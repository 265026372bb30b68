package io.skyrtc.signaling.skynet.cluster;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The services this node answers cluster calls for, as skynet's cluster.register: each gets a numeric
 * handle and is reachable as {@code @name}, {@code .name}, its handle, or {@code :%08x}; cluster.query
 * (address 0) returns the handle of a registered name.
 */
public final class ClusterServices {
    /** A service: the unpacked arguments in, the values to return out (completing exceptionally = error). */
    @FunctionalInterface
    public interface Service {
        CompletableFuture<List<Object>> call(List<Object> args);
    }

    private final Map<String, Long> handles = new ConcurrentHashMap<>();
    private final Map<Long, Service> byHandle = new ConcurrentHashMap<>();
    private long nextHandle = 0x10;

    /** Registers {@code name} (without prefix); returns its handle. */
    public synchronized long register(String name, Service service) {
        if (name.isEmpty() || name.length() > 254 || "@.:".indexOf(name.charAt(0)) >= 0) {
            throw new IllegalArgumentException("a service name is 1..254 characters without a @ . : prefix: " + name);
        }
        long handle = nextHandle++;
        byHandle.put(handle, service);
        handles.put(name, handle);
        return handle;
    }

    /** The handle cluster.query returns for {@code name}, or null. */
    public Long handleOf(String name) {
        return handles.get(name);
    }

    /** The service an address names, or null. */
    public Service resolve(ClusterAddress address) {
        if (address instanceof ClusterAddress.Handle h) {
            return byHandle.get(h.value());
        }
        String name = ((ClusterAddress.Name) address).name();
        Long handle = switch (name.charAt(0)) {
            case '@', '.' -> handles.get(name.substring(1));
            case ':' -> parseHex(name.substring(1));
            default -> null;
        };
        return handle == null ? null : byHandle.get(handle);
    }

    private static Long parseHex(String s) {
        try {
            return Long.parseLong(s, 16);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
