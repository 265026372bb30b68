package io.skyrtc.signaling.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The session description an offer or answer carries. On the wire it is a JSON string; a relayed
 * offer leaves as the same string it came in as. So when a client wrote the string exactly as this
 * server would write it (ASCII, escaping only what JSON requires, the way Jackson does: what browsers'
 * {@code JSON.stringify} produces for SDP), the received literal is kept and written out again as is:
 * relaying is then one copy instead of decoding, re-scanning and re-escaping kilobytes of SDP. The
 * text is decoded from the literal only if something asks for it. Equality is the text's.
 */
public final class Sdp {
    private final byte[] json;
    private final int utf8Length;
    private String text;

    private Sdp(String text, byte[] json, int utf8Length) {
        this.text = text;
        this.json = json;
        this.utf8Length = utf8Length;
    }

    /** An SDP from its text (what Jackson reads, and what tests write); null stays null. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Sdp of(String text) {
        return text == null ? null : new Sdp(text, null, -1);
    }

    /**
     * The JSON string literal {@code source[open..close]}, both quotes included, whose content is
     * ASCII with {@code escapes} two-character escapes, none of them {@code \/} or the hex form: the
     * bytes ProtocolCodec itself writes for the same text. Copied, as the source is a read buffer.
     */
    static Sdp ofCanonicalJson(byte[] source, int open, int close, int escapes) {
        return new Sdp(null, Arrays.copyOfRange(source, open, close + 1), close - open - 1 - escapes);
    }

    /** The SDP text. */
    @JsonValue
    public String text() {
        String t = text;
        if (t == null) {
            t = decode(json);
            text = t; // a benign race: every thread decodes the same immutable string
        }
        return t;
    }

    /** The JSON string literal to write for it, quotes included, or null when it must be encoded. */
    byte[] json() {
        return json;
    }

    public boolean isEmpty() {
        return json != null ? utf8Length == 0 : text.isEmpty();
    }

    /** Whether its text takes more than {@code max} bytes of UTF-8 (counted without encoding when it can). */
    public boolean longerThan(int max) {
        if (json != null) {
            return utf8Length > max;
        }
        int n = text.length();
        // a char takes 1 to 3 bytes (a surrogate pair 4 for 2 chars)
        return n > max || (n * 3L > max && text.getBytes(StandardCharsets.UTF_8).length > max);
    }

    private static String decode(byte[] literal) {
        byte[] out = new byte[literal.length - 2];
        int n = 0;
        for (int i = 1; i < literal.length - 1; i++) {
            byte c = literal[i];
            out[n++] = c == '\\' ? SdpFrameParser.unescape(literal[++i]) : c;
        }
        return new String(out, 0, n, StandardCharsets.ISO_8859_1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sdp other && text().equals(other.text());
    }

    @Override
    public int hashCode() {
        return text().hashCode();
    }

    @Override
    public String toString() {
        return text();
    }
}
