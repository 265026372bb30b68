package io.skyrtc.tokens.tencent;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Just enough JSON for UserSig documents: one flat object of string and integer values. Anything
 * else (nesting, arrays, fractions, duplicate keys) is rejected, which is what a signature document
 * warrants. Kept here so sdk-tokens needs nothing beyond the JDK.
 */
final class FlatJson {
    private final String s;
    private int pos;

    private FlatJson(String s) {
        this.s = s;
    }

    static Map<String, Object> parse(String text) {
        FlatJson p = new FlatJson(text);
        Map<String, Object> out = new LinkedHashMap<>();
        p.skipSpace();
        p.expect('{');
        p.skipSpace();
        if (p.peek() == '}') {
            p.pos++;
        } else {
            while (true) {
                p.skipSpace();
                String key = p.string();
                p.skipSpace();
                p.expect(':');
                p.skipSpace();
                Object value = p.peek() == '"' ? p.string() : p.integer();
                if (out.put(key, value) != null) {
                    throw new IllegalArgumentException("duplicate key " + key);
                }
                p.skipSpace();
                char c = p.next();
                if (c == '}') {
                    break;
                }
                if (c != ',') {
                    throw new IllegalArgumentException("expected ',' or '}' at " + (p.pos - 1));
                }
            }
        }
        p.skipSpace(); // Go's json.Encoder appends "\n"
        if (p.pos != text.length()) {
            throw new IllegalArgumentException("trailing data at " + p.pos);
        }
        return out;
    }

    static void quote(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private String string() {
        expect('"');
        StringBuilder b = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return b.toString();
            }
            if (c < 0x20) {
                throw new IllegalArgumentException("control character in string at " + (pos - 1));
            }
            if (c != '\\') {
                b.append(c);
                continue;
            }
            char e = next();
            switch (e) {
                case '"', '\\', '/' -> b.append(e);
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'u' -> {
                    if (pos + 4 > s.length()) {
                        throw new IllegalArgumentException("truncated \\u escape");
                    }
                    b.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                    pos += 4;
                }
                default -> throw new IllegalArgumentException("bad escape \\" + e);
            }
        }
    }

    private Long integer() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
            pos++;
        }
        if (pos == start || pos - start > 19) {
            throw new IllegalArgumentException("expected a string or an integer at " + start);
        }
        return Long.parseLong(s.substring(start, pos));
    }

    private void skipSpace() {
        while (pos < s.length() && " \t\r\n".indexOf(s.charAt(pos)) >= 0) {
            pos++;
        }
    }

    private char peek() {
        if (pos >= s.length()) {
            throw new IllegalArgumentException("unexpected end of JSON");
        }
        return s.charAt(pos);
    }

    private char next() {
        char c = peek();
        pos++;
        return c;
    }

    private void expect(char c) {
        if (next() != c) {
            throw new IllegalArgumentException("expected '" + c + "' at " + (pos - 1));
        }
    }
}
