package io.skyrtc.turn.check;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed {@code stun:} / {@code stuns:} / {@code turn:} / {@code turns:} URI (RFC 7064 / 7065).
 *
 * @param transport {@code udp} or {@code tcp}; {@code turns:}/{@code stuns:} are always TCP+TLS
 */
public record IceUrl(String url, String scheme, String host, int port, String transport) {
    private static final Pattern SYNTAX = Pattern.compile(
            "(stun|stuns|turn|turns):(\\[[0-9a-fA-F:.]+]|[^\\s:?\\[\\]/]+)(?::(\\d{1,5}))?(?:\\?transport=(udp|tcp))?");

    public static IceUrl parse(String url) {
        Matcher m = url == null ? null : SYNTAX.matcher(url.trim());
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("not a stun:/stuns:/turn:/turns: URI: " + url);
        }
        String scheme = m.group(1).toLowerCase(Locale.ROOT);
        boolean secure = scheme.endsWith("s");
        int port = m.group(3) == null ? (secure ? 5349 : 3478) : Integer.parseInt(m.group(3));
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port out of range in " + url);
        }
        String host = m.group(2);
        if (host.startsWith("[")) {
            host = host.substring(1, host.length() - 1);
        }
        String transport = secure ? "tcp" : m.group(4) == null ? "udp" : m.group(4);
        if (scheme.startsWith("stun") && m.group(4) != null) {
            throw new IllegalArgumentException("stun: URIs take no ?transport= (RFC 7064): " + url);
        }
        return new IceUrl(url.trim(), scheme, host, port, transport);
    }

    public boolean isTurn() {
        return scheme.startsWith("turn");
    }

    public boolean isSecure() {
        return scheme.endsWith("s");
    }

    /** ice4j's STUN stack speaks plain UDP only; TCP and TLS servers are reported as not checked. */
    public boolean checkableOverUdp() {
        return !isSecure() && transport.equals("udp");
    }
}
