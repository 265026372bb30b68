package io.skyrtc.signaling.protocol;

import java.nio.charset.StandardCharsets;

/**
 * The hottest server messages, {@code offer}, {@code answer} and {@code data}, written straight to UTF-8
 * bytes: byte for byte what Jackson writes for them (ProtocolCodecTest holds the two side by side),
 * without the data-binding walk and char-by-char generator. An SDP that arrived in that very form is
 * copied as received ({@link Sdp}); any other is escaped here. Anything unusual (a lone surrogate,
 * which Jackson refuses) returns null and takes the Jackson path.
 */
final class SdpFrames {
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OFFER = "{\"type\":\"offer\",\"from\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ANSWER = "{\"type\":\"answer\",\"from\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SDP = ",\"sdp\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA = "{\"type\":\"data\",\"from\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PAYLOAD = ",\"payload\":".getBytes(StandardCharsets.US_ASCII);

    private SdpFrames() {}

    /** The encoded message, or null to let Jackson do it. */
    static byte[] encode(ServerMessage m) {
        if (m instanceof ServerMessage.Offer o) {
            return encode(OFFER, o.from(), o.sdp());
        }
        if (m instanceof ServerMessage.Answer a) {
            return encode(ANSWER, a.from(), a.sdp());
        }
        if (m instanceof ServerMessage.Data d && d.from() != null && d.payload() != null) {
            // data relays its payload as the bytes that arrived (RawJson); only "from" is encoded
            return encode(DATA, d.from(), PAYLOAD, d.payload().utf8());
        }
        return null;
    }

    private static byte[] encode(byte[] head, String from, Sdp sdp) {
        if (from == null || sdp == null) {
            return null;
        }
        byte[] quotedSdp = sdp.json() != null ? sdp.json() : quoted(sdp.text());
        return quotedSdp == null ? null : encode(head, from, SDP, quotedSdp);
    }

    /** {@code head}, the quoted sender, {@code key} and the value's JSON bytes, closed by a brace. */
    private static byte[] encode(byte[] head, String from, byte[] key, byte[] value) {
        byte[] quotedFrom = quoted(from);
        if (quotedFrom == null) {
            return null;
        }
        byte[] out = new byte[head.length + quotedFrom.length + key.length + value.length + 1];
        int p = put(head, out, 0);
        p = put(quotedFrom, out, p);
        p = put(key, out, p);
        p = put(value, out, p);
        out[p] = '}';
        return out;
    }

    private static int put(byte[] part, byte[] out, int at) {
        System.arraycopy(part, 0, out, at, part.length);
        return at + part.length;
    }

    /** {@code s} as a JSON string literal, quotes included, as Jackson writes it; null for a lone surrogate. */
    private static byte[] quoted(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        int n = asciiQuotedLength(s, utf8);
        if (n >= 0) {
            byte[] out = new byte[n];
            writeQuoted(utf8, out, 0);
            return out;
        }
        n = quotedLength(s);
        if (n < 0) {
            return null;
        }
        byte[] out = new byte[n];
        writeQuoted(s, out, 0);
        return out;
    }

    /**
     * Bytes of an all-ASCII string as a JSON string with its quotes, or -1 if it is not all ASCII.
     * {@code utf8} is its UTF-8 encoding (the JDK copies an ASCII string's bytes with vector
     * instructions); equal lengths mean ASCII, except that each lone surrogate also encodes to one
     * byte, a '?', which is why '?' is checked against the string.
     */
    private static int asciiQuotedLength(String s, byte[] utf8) {
        if (utf8.length != s.length()) {
            return -1;
        }
        int n = utf8.length + 2;
        for (int i = JsonBytes.nextSpecial(utf8, 0, utf8.length, true); i < utf8.length;
                i = JsonBytes.nextSpecial(utf8, i + 1, utf8.length, true)) {
            byte c = utf8[i];
            if (c == '?') {
                if (s.charAt(i) != '?') {
                    return -1;
                }
            } else {
                n += c == '"' || c == '\\' || shortEscape((char) c) != 0 ? 1 : 5;
            }
        }
        return n;
    }

    /** Writes ASCII bytes (checked by {@link #asciiQuotedLength}) as a quoted JSON string. */
    private static int writeQuoted(byte[] ascii, byte[] out, int at) {
        int p = at;
        out[p++] = '"';
        int i = 0;
        while (true) {
            int next = JsonBytes.nextSpecial(ascii, i, ascii.length, false);
            System.arraycopy(ascii, i, out, p, next - i);
            p += next - i;
            if (next == ascii.length) {
                break;
            }
            p = writeEscaped((char) ascii[next], out, p);
            i = next + 1;
        }
        out[p++] = '"';
        return p;
    }

    /** Bytes of {@code s} as a JSON string with its quotes, or -1 for a lone surrogate. */
    private static int quotedLength(String s) {
        int n = 2;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n += c < 0x20 ? (shortEscape(c) != 0 ? 2 : 6) : (c == '"' || c == '\\') ? 2 : 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 12;
                i++;
            } else if (Character.isSurrogate(c)) {
                return -1;
            } else {
                n += 3;
            }
        }
        return n;
    }

    private static int writeQuoted(String s, byte[] out, int at) {
        int p = at;
        out[p++] = '"';
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (c >= 0x20 && c != '"' && c != '\\') {
                    out[p++] = (byte) c;
                } else {
                    p = writeEscaped(c, out, p);
                }
            } else if (c < 0x800) {
                out[p++] = (byte) (0xC0 | (c >> 6));
                out[p++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c)) {
                // like Jackson's default (COMBINE_UNICODE_SURROGATES_IN_UTF8 off): both halves escaped
                p = writeEscape(c, out, p);
                p = writeEscape(s.charAt(++i), out, p);
            } else {
                out[p++] = (byte) (0xE0 | (c >> 12));
                out[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                out[p++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        out[p++] = '"';
        return p;
    }

    /** An ASCII character JSON does not allow bare: a quote, a backslash or a control character. */
    private static int writeEscaped(char c, byte[] out, int at) {
        if (c == '"' || c == '\\') {
            out[at] = '\\';
            out[at + 1] = (byte) c;
            return at + 2;
        }
        if (shortEscape(c) != 0) {
            out[at] = '\\';
            out[at + 1] = shortEscape(c);
            return at + 2;
        }
        return writeEscape(c, out, at);
    }

    private static int writeEscape(char c, byte[] out, int at) {
        out[at] = '\\';
        out[at + 1] = 'u';
        out[at + 2] = HEX[c >> 12];
        out[at + 3] = HEX[(c >> 8) & 0xF];
        out[at + 4] = HEX[(c >> 4) & 0xF];
        out[at + 5] = HEX[c & 0xF];
        return at + 6;
    }

    /** Jackson's two-character escapes for control characters (0 = none: use \\u00XX). */
    private static byte shortEscape(char c) {
        switch (c) {
            case '\b': return 'b';
            case '\t': return 't';
            case '\n': return 'n';
            case '\f': return 'f';
            case '\r': return 'r';
            default: return 0;
        }
    }
}
