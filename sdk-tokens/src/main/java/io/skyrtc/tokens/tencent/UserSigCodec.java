package io.skyrtc.tokens.tencent;

import io.skyrtc.tokens.TokenException;
import io.skyrtc.tokens.codec.Hmac;
import io.skyrtc.tokens.codec.Zlib;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.zip.DataFormatException;

/**
 * UserSig v2 wire format: {@code tencentBase64(zlib(json))}. JSON keys are written in the order
 * Tencent's Java SDK (org.json) emits them, so our output equals its bytes; servers parse the JSON,
 * so any order verifies.
 */
public final class UserSigCodec {
    public static final String VERSION = "2.0";
    private static final int MAX_SIG_CHARS = 8 * 1024;
    private static final int MAX_INFLATED_BYTES = 16 * 1024;

    private UserSigCodec() {
    }

    /** The text the HMAC covers; every line ends in "\n". */
    static String signedContent(String identifier, long sdkAppId, long time, long expire, String userbufB64) {
        StringBuilder s = new StringBuilder(160).append("TLS.identifier:").append(identifier).append('\n')
                .append("TLS.sdkappid:").append(sdkAppId).append('\n')
                .append("TLS.time:").append(time).append('\n')
                .append("TLS.expire:").append(expire).append('\n');
        if (userbufB64 != null) {
            s.append("TLS.userbuf:").append(userbufB64).append('\n');
        }
        return s.toString();
    }

    static String signature(String secretKey, String identifier, long sdkAppId, long time, long expire, byte[] userbuf) {
        String content = signedContent(identifier, sdkAppId, time, expire,
                userbuf == null ? null : Base64.getEncoder().encodeToString(userbuf));
        return Base64.getEncoder().encodeToString(Hmac.sha256(secretKey.getBytes(StandardCharsets.UTF_8),
                content.getBytes(StandardCharsets.UTF_8)));
    }

    public static String encode(UserSigDocument doc) {
        StringBuilder json = new StringBuilder(256).append('{');
        json.append("\"TLS.expire\":").append(doc.expire());
        json.append(",\"TLS.ver\":");
        FlatJson.quote(json, doc.version());
        json.append(",\"TLS.sdkappid\":").append(doc.sdkAppId());
        json.append(",\"TLS.identifier\":");
        FlatJson.quote(json, doc.identifier());
        json.append(",\"TLS.sig\":");
        FlatJson.quote(json, doc.sig());
        if (doc.userbuf() != null) {
            json.append(",\"TLS.userbuf\":");
            FlatJson.quote(json, Base64.getEncoder().encodeToString(doc.userbuf()));
        }
        json.append(",\"TLS.time\":").append(doc.time()).append('}');
        return TencentBase64.encode(Zlib.compress(json.toString().getBytes(StandardCharsets.UTF_8)));
    }

    public static UserSigDocument decode(String userSig) {
        if (userSig == null || userSig.isEmpty() || userSig.length() > MAX_SIG_CHARS) {
            throw new TokenException("userSig", "must be 1-" + MAX_SIG_CHARS + " characters");
        }
        Map<String, Object> fields;
        try {
            byte[] json = Zlib.decompress(TencentBase64.decode(userSig), MAX_INFLATED_BYTES);
            fields = FlatJson.parse(new String(json, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | DataFormatException e) {
            throw new TokenException("userSig", "not a UserSig: " + e.getMessage(), e);
        }
        String userbuf = optional(fields, "TLS.userbuf", String.class);
        try {
            return new UserSigDocument(required(fields, "TLS.ver", String.class),
                    required(fields, "TLS.identifier", String.class), required(fields, "TLS.sdkappid", Long.class),
                    required(fields, "TLS.expire", Long.class), required(fields, "TLS.time", Long.class),
                    userbuf == null ? null : Base64.getDecoder().decode(userbuf), required(fields, "TLS.sig", String.class));
        } catch (IllegalArgumentException e) {
            throw new TokenException("userSig", "TLS.userbuf is not base64", e);
        }
    }

    private static <T> T required(Map<String, Object> fields, String key, Class<T> type) {
        T value = optional(fields, key, type);
        if (value == null) {
            throw new TokenException("userSig", "missing " + key);
        }
        return value;
    }

    private static <T> T optional(Map<String, Object> fields, String key, Class<T> type) {
        Object value = fields.get(key);
        if (value != null && !type.isInstance(value)) {
            throw new TokenException("userSig", key + " must be a " + (type == Long.class ? "number" : "string"));
        }
        return type.cast(value);
    }
}
