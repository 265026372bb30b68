package io.skyrtc.signaling.room;

import java.security.SecureRandom;
import java.util.Base64;

/** Unguessable identifiers: 128 bits (ids) or 192 bits (resume tokens) from a SecureRandom. */
public final class Ids {
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(SecureRandom::new);
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private Ids() {}

    public static String peerId() {
        return "p_" + random(16);
    }

    public static String roomId() {
        return "r_" + random(16);
    }

    public static String resumeToken() {
        return random(24);
    }

    public static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.get().nextBytes(b);
        return B64.encodeToString(b);
    }
}
