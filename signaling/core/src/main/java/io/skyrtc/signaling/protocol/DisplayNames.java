package io.skyrtc.signaling.protocol;

/**
 * What a display name may be. Other players see it, so it must not be able to lie about itself:
 * no bidirectional controls (U+202E turns "gnp.exe" around), no characters that end a line in
 * JavaScript (U+2028/9), no byte-order mark, no unpaired surrogate (not text at all), no control
 * characters, and at least one visible character (a name of zero-width spaces or Hangul fillers
 * shows as nothing).
 */
public final class DisplayNames {
    private DisplayNames() {}

    /** Null when {@code name} is acceptable; otherwise what is wrong with it. */
    public static String problem(String name, int maxChars) {
        if (name.isEmpty()) {
            return "must not be empty";
        }
        int count = 0;
        boolean visible = false;
        for (int i = 0; i < name.length(); ) {
            char c = name.charAt(i);
            if (Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < name.length()
                    && Character.isLowSurrogate(name.charAt(i + 1)))) {
                return "contains an unpaired surrogate";
            }
            int cp = name.codePointAt(i);
            i += Character.charCount(cp);
            count++;
            if (Character.isISOControl(cp)) {
                return "contains a control character";
            }
            if (isBidiControl(cp)) {
                return "contains a bidirectional control character (U+" + hex(cp) + ")";
            }
            if (cp == 0xFEFF || cp == 0x2028 || cp == 0x2029) {
                return "contains U+" + hex(cp) + " (byte-order mark or line/paragraph separator)";
            }
            visible |= isVisible(cp);
        }
        if (count > maxChars) {
            return "longer than " + maxChars + " characters";
        }
        return visible ? null : "has no visible character";
    }

    /** The one-line rule, for error messages. */
    public static String rule(int maxChars) {
        return "1-" + maxChars + " characters with at least one visible one; no control, bidi-control,"
                + " BOM, U+2028/U+2029 or unpaired surrogate characters";
    }

    static boolean isBidiControl(int cp) {
        return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F
                || cp == 0x061C;
    }

    private static boolean isVisible(int cp) {
        if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
            return false;
        }
        switch (cp) {
            case 0x115F, 0x1160, 0x3164, 0xFFA0, 0x2800, 0x034F -> {
                return false; // Hangul fillers, braille blank, combining grapheme joiner: drawn as nothing
            }
            default -> { }
        }
        int type = Character.getType(cp);
        return type != Character.FORMAT && type != Character.CONTROL && type != Character.UNASSIGNED
                && type != Character.NON_SPACING_MARK && type != Character.ENCLOSING_MARK
                && type != Character.SURROGATE && type != Character.PRIVATE_USE;
    }

    private static String hex(int cp) {
        return String.format("%04X", cp);
    }
}
