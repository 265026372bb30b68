package io.skyrtc.tokens.tencent;

import java.util.Base64;

/** Tencent's URL-safe base64 variant: standard base64 with '+'→'*', '/'→'-', '='→'_'. */
public final class TencentBase64 {
    private TencentBase64() {
    }

    public static String encode(byte[] data) {
        byte[] b = Base64.getEncoder().encode(data);
        for (int i = 0; i < b.length; i++) {
            b[i] = switch (b[i]) {
                case '+' -> '*';
                case '/' -> '-';
                case '=' -> '_';
                default -> b[i];
            };
        }
        return new String(b, java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** @throws IllegalArgumentException when not valid in this alphabet */
    public static byte[] decode(String text) {
        char[] c = text.toCharArray();
        for (int i = 0; i < c.length; i++) {
            c[i] = switch (c[i]) {
                case '*' -> '+';
                case '-' -> '/';
                case '_' -> '=';
                case '+', '/', '=' -> throw new IllegalArgumentException("character '" + c[i] + "' is not in Tencent's alphabet");
                default -> c[i];
            };
        }
        return Base64.getDecoder().decode(new String(c));
    }
}
