package io.skyrtc.signaling.logs;

/**
 * {@code key=value} pairs in the logfmt style: a value with a space, quote, equals sign or control
 * character is quoted and escaped, so a client-chosen room name cannot forge another field or a line.
 */
public final class Logfmt {
    private Logfmt() {}

    /** {@code pairs} alternate key, value; a null value is left out. */
    public static String of(Object... pairs) {
        StringBuilder sb = new StringBuilder(64);
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            if (pairs[i + 1] == null) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(pairs[i]).append('=');
            value(sb, String.valueOf(pairs[i + 1]));
        }
        return sb.toString();
    }

    private static void value(StringBuilder sb, String v) {
        boolean quote = v.isEmpty();
        for (int i = 0; i < v.length() && !quote; i++) {
            char c = v.charAt(i);
            quote = c <= ' ' || c == '"' || c == '=' || c == '\\' || c == 0x7f;
        }
        if (!quote) {
            sb.append(v);
            return;
        }
        sb.append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
