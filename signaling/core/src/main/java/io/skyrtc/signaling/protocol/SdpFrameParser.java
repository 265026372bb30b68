package io.skyrtc.signaling.protocol;

import java.nio.charset.StandardCharsets;

/**
 * The two hottest client messages, {@code offer} and {@code answer}, read straight from UTF-8 bytes
 * without Jackson's data-binding machinery. It accepts only a plain subset of JSON: an object whose
 * members are {@code type}, {@code to}, {@code sdp} and optionally {@code id}, once each, in any
 * order, every value an ASCII string (any escape but the hex form, backslash-u). Anything else, valid or
 * not, returns null and takes the Jackson path, which owns every error message; for what it does
 * accept, it yields exactly the record Jackson would (SdpFrameParserTest checks both side by side).
 */
final class SdpFrameParser {
    private static final byte[] TYPE = ascii("type");
    private static final byte[] TO = ascii("to");
    private static final byte[] SDP = ascii("sdp");
    private static final byte[] ID = ascii("id");
    private static final byte[] OFFER = ascii("offer");
    private static final byte[] ANSWER = ascii("answer");

    private static final int NOT_A_STRING = -1;

    private final byte[] b;
    private final int end;
    private int p;

    private SdpFrameParser(byte[] b, int offset, int length) {
        this.b = b;
        this.p = offset;
        this.end = offset + length;
    }

    /** The offer or answer in these bytes, or null when Jackson must decide. */
    static ClientMessage parse(byte[] utf8, int offset, int length) {
        return new SdpFrameParser(utf8, offset, length).message();
    }

    private ClientMessage message() {
        skipSpace();
        if (!take('{')) {
            return null;
        }
        int typeStart = -1;
        int typeEnd = -1;
        String id = null;
        String to = null;
        Sdp sdp = null;
        do {
            skipSpace();
            int keyStart = p;
            int keyEnd = plainString();
            if (keyEnd < 0) {
                return null;
            }
            skipSpace();
            if (!take(':')) {
                return null;
            }
            skipSpace();
            if (is(keyStart + 1, keyEnd, TYPE) && typeStart < 0) {
                typeStart = p + 1;
                typeEnd = plainString();
            } else if (is(keyStart + 1, keyEnd, TO) && to == null) {
                to = string();
            } else if (is(keyStart + 1, keyEnd, SDP) && sdp == null) {
                sdp = sdp();
            } else if (is(keyStart + 1, keyEnd, ID) && id == null) {
                id = string();
            } else {
                return null; // unknown or repeated member: Jackson's rules apply
            }
            if (p == NOT_A_STRING) {
                return null;
            }
            skipSpace();
        } while (take(','));
        if (!take('}')) {
            return null;
        }
        skipSpace();
        if (p != end || typeStart < 0 || to == null || sdp == null) {
            return null;
        }
        if (is(typeStart, typeEnd, OFFER)) {
            return new ClientMessage.Offer(id, to, sdp);
        }
        if (is(typeStart, typeEnd, ANSWER)) {
            return new ClientMessage.Answer(id, to, sdp);
        }
        return null;
    }

    /**
     * Skips a string with no escapes (keys and the type are plain in every message worth the fast
     * path); returns the index of its closing quote, p moving past it, or fails.
     */
    private int plainString() {
        if (take('"')) {
            int i = JsonBytes.nextSpecial(b, p, end, false);
            if (i < end && b[i] == '"') {
                p = i + 1;
                return i;
            }
        }
        p = NOT_A_STRING; // an escape, a control character, non-ASCII, or no closing quote
        return NOT_A_STRING;
    }

    /** A string value, if it is plain or simply escaped ASCII; otherwise fails. */
    private String string() {
        if (take('"')) {
            int start = p;
            int i = JsonBytes.nextSpecial(b, start, end, false);
            if (i < end && b[i] == '"') {
                p = i + 1;
                return new String(b, start, i - start, StandardCharsets.ISO_8859_1);
            }
            if (i < end && b[i] == '\\') {
                return escapedString(start, i);
            }
        }
        p = NOT_A_STRING; // a control character, non-ASCII, or no closing quote
        return null;
    }

    /**
     * The sdp member. A string ProtocolCodec would write the same way (see {@link Sdp}) is kept as
     * its literal, found in one pass that validates every escape; one with a {@code \/} escape is
     * decoded, to be written again the way Jackson writes it.
     */
    private Sdp sdp() {
        if (take('"')) {
            int open = p - 1;
            int escapes = 0;
            int i = JsonBytes.nextSpecial(b, p, end, false);
            while (i < end && b[i] == '\\' && i + 1 < end && unescape(b[i + 1]) != 0 && b[i + 1] != '/') {
                escapes++;
                i = JsonBytes.nextSpecial(b, i + 2, end, false);
            }
            if (i < end && b[i] == '"') {
                p = i + 1;
                return Sdp.ofCanonicalJson(b, open, i, escapes);
            }
            p = open;
            return Sdp.of(string()); // null (fails) unless it is an escaped slash
        }
        p = NOT_A_STRING;
        return null;
    }

    /** The slow half of {@link #string}: copies, replacing the escapes JSON defines (but the hex form). */
    private String escapedString(int start, int firstEscape) {
        byte[] out = new byte[end - start];
        int n = firstEscape - start;
        System.arraycopy(b, start, out, 0, n);
        int i = firstEscape;
        while (i < end) {
            byte c = b[i];
            if (c == '"') {
                p = i + 1;
                return new String(out, 0, n, StandardCharsets.ISO_8859_1);
            }
            if (c != '\\' || ++i == end || (c = unescape(b[i])) == 0) {
                break; // a control character, non-ASCII, or a hex/invalid/unfinished escape
            }
            out[n++] = c;
            int next = JsonBytes.nextSpecial(b, ++i, end, false);
            System.arraycopy(b, i, out, n, next - i);
            n += next - i;
            i = next;
        }
        p = NOT_A_STRING;
        return null;
    }

    /** The character a two-character escape stands for, or 0 for the hex form and anything invalid. */
    static byte unescape(byte e) {
        switch (e) {
            case '"': return '"';
            case '\\': return '\\';
            case '/': return '/';
            case 'b': return '\b';
            case 'f': return '\f';
            case 'n': return '\n';
            case 'r': return '\r';
            case 't': return '\t';
            default: return 0; // the hex form and anything invalid: Jackson's business
        }
    }

    private boolean is(int from, int to, byte[] word) {
        if (to - from != word.length) {
            return false;
        }
        for (int i = 0; i < word.length; i++) {
            if (b[from + i] != word[i]) {
                return false;
            }
        }
        return true;
    }

    private boolean take(char c) {
        if (p < end && b[p] == c) {
            p++;
            return true;
        }
        return false;
    }

    /** JSON whitespace, exactly as Jackson reads it. */
    private void skipSpace() {
        while (p < end) {
            byte c = b[p];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            p++;
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
