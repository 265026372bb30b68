package io.skyrtc.tokens.agora;

import io.skyrtc.tokens.TokenException;
import java.nio.charset.StandardCharsets;

/**
 * Agora's naming rules. Channel names, user accounts and RTM user ids may use the 89 characters the
 * Agora SDKs accept (a–z A–Z 0–9 space and {@code !#$%&()+-:;<=.>?@[]^_{}|~,}); channel names are at
 * most 64 bytes, accounts at most 255. {@link Charset#UTF8} relaxes the character set to any UTF-8
 * text without control characters (the token format carries UTF-8; some SDKs reject it).
 */
public final class AgoraNames {
    public static final int MAX_CHANNEL_BYTES = 64;
    public static final int MAX_ACCOUNT_BYTES = 255;
    public static final int MAX_RTM_USER_BYTES = 64;
    public static final long MAX_UID = 0xFFFF_FFFFL;
    private static final String PUNCTUATION = " !#$%&()+-:;<=.>?@[]^_{}|~,";

    public enum Charset { AGORA_SDK, UTF8 }

    private AgoraNames() {
    }

    public static String channel(String value, Charset charset) {
        return check("channel", value, MAX_CHANNEL_BYTES, charset);
    }

    public static String account(String field, String value, Charset charset) {
        return check(field, value, MAX_ACCOUNT_BYTES, charset);
    }

    public static String rtmUser(String field, String value, Charset charset) {
        return check(field, value, MAX_RTM_USER_BYTES, charset);
    }

    /** A numeric uid as packed by AccessToken2: 0 (any uid) becomes "", others unsigned decimal. */
    public static String uid(long uid) {
        if (uid < 0 || uid > MAX_UID) {
            throw new TokenException("uid", "must be between 0 and " + MAX_UID);
        }
        return uid == 0 ? "" : Long.toString(uid);
    }

    private static String check(String field, String value, int maxBytes, Charset charset) {
        if (value == null || value.isEmpty()) {
            throw new TokenException(field, "must not be empty");
        }
        int bytes = value.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxBytes) {
            throw new TokenException(field, "at most " + maxBytes + " bytes (UTF-8), got " + bytes);
        }
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            boolean ok = charset == Charset.UTF8 ? !Character.isISOControl(cp) && !Character.isSurrogate((char) cp)
                    : isSdkChar(cp);
            if (!ok) {
                throw new TokenException(field, "character U+" + String.format("%04X", cp) + " not allowed ("
                        + (charset == Charset.UTF8 ? "control character" : "use a-z A-Z 0-9 space " + PUNCTUATION.trim())
                        + ")");
            }
            i += Character.charCount(cp);
        }
        return value;
    }

    private static boolean isSdkChar(int cp) {
        return cp >= 'a' && cp <= 'z' || cp >= 'A' && cp <= 'Z' || cp >= '0' && cp <= '9' || PUNCTUATION.indexOf(cp) >= 0;
    }
}
