package io.skyrtc.tokens.tencent;

import io.skyrtc.tokens.TokenException;
import java.nio.charset.StandardCharsets;

/**
 * Tencent's identifier rules. User ids: 1–32 of {@code A–Z a–z 0–9 _ -} (the official SDKs pack
 * them byte-per-char, so anything else would be mangled). String room ids: 1–64 bytes of
 * {@code a–z A–Z 0–9}, space and {@code !#$%&()+-:;<=.>?@[]^_{}|~,}. Numeric room ids: 1–4294967294.
 */
public final class TencentNames {
    public static final int MAX_USER_ID_CHARS = 32;
    public static final int MAX_ROOM_STR_BYTES = 64;
    public static final long MAX_ROOM_ID = 4_294_967_294L;
    private static final String ROOM_PUNCTUATION = " !#$%&()+-:;<=.>?@[]^_{}|~,";

    private TencentNames() {
    }

    public static String userId(String field, String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_USER_ID_CHARS) {
            throw new TokenException(field, "must be 1-" + MAX_USER_ID_CHARS + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(isAlnum(c) || c == '_' || c == '-')) {
                throw new TokenException(field, "only A-Z a-z 0-9 _ - are allowed");
            }
        }
        return value;
    }

    public static String roomStr(String value) {
        if (value == null || value.isEmpty() || value.getBytes(StandardCharsets.UTF_8).length > MAX_ROOM_STR_BYTES) {
            throw new TokenException("roomStr", "must be 1-" + MAX_ROOM_STR_BYTES + " bytes");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(isAlnum(c) || ROOM_PUNCTUATION.indexOf(c) >= 0)) {
                throw new TokenException("roomStr", "only a-z A-Z 0-9 space " + ROOM_PUNCTUATION.trim() + " are allowed");
            }
        }
        return value;
    }

    public static long roomId(long value) {
        if (value < 1 || value > MAX_ROOM_ID) {
            throw new TokenException("roomId", "must be between 1 and " + MAX_ROOM_ID);
        }
        return value;
    }

    private static boolean isAlnum(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }
}
