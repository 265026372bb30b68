package io.skyrtc.tokens.codec;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 with one Mac per thread (Mac.getInstance is a provider lookup, costly per token). */
public final class Hmac {
    private static final String ALGORITHM = "HmacSHA256";
    private static final ThreadLocal<Mac> MAC = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance(ALGORITHM);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
        }
    });

    private Hmac() {
    }

    public static byte[] sha256(byte[] key, byte[] message) {
        Mac mac = MAC.get();
        try {
            mac.init(new SecretKeySpec(key, ALGORITHM));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return mac.doFinal(message);
    }

    /** Constant-time comparison of signatures. */
    public static boolean equal(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }
}
