package io.skyrtc.signaling.ws;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which browser origins may open {@code /ws}. Dev mode: any. Otherwise the configured allowlist, or
 * same-origin only when the list is empty. Requests without an Origin header (native clients,
 * mini-programs, tools) are not browsers and pass; their protection is the room token.
 */
public final class OriginPolicy {
    private final boolean any;
    private final Set<String> allowed;

    public OriginPolicy(boolean dev, List<String> allowedOrigins) {
        this.any = dev;
        this.allowed = allowedOrigins.stream().map(OriginPolicy::normalize).collect(Collectors.toSet());
    }

    public boolean allows(String origin, String hostHeader) {
        if (any || origin == null) {
            return true;
        }
        String o = normalize(origin);
        if (allowed.isEmpty()) {
            try {
                URI u = new URI(o);
                String hostPort = u.getPort() == -1 ? u.getHost() : u.getHost() + ":" + u.getPort();
                return hostHeader != null && hostPort != null && hostPort.equalsIgnoreCase(hostHeader);
            } catch (java.net.URISyntaxException e) {
                return false;
            }
        }
        return allowed.contains(o);
    }

    private static String normalize(String origin) {
        String o = origin.trim().toLowerCase(Locale.ROOT);
        return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
    }
}
