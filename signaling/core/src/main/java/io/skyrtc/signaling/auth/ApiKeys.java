package io.skyrtc.signaling.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * HTTP API keys. Only SHA-256 hashes are held; a presented key is hashed and compared in constant
 * time against every configured hash, so timing reveals neither key nor which one matched. A reload
 * replaces the whole set at once ({@link #replace}); a request sees the old set or the new, never a mix.
 */
public final class ApiKeys {
    /** A configured key: its hash and the principal it authenticates as. */
    public record Entry(byte[] sha256, ApiPrincipal principal) {}

    private volatile List<Entry> entries;

    public ApiKeys(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** A reload's key set: keys left out are refused from the next request on. */
    public void replace(List<Entry> next) {
        this.entries = List.copyOf(next);
    }

    public static Entry entry(String sha256Hex, ApiPrincipal principal) {
        return new Entry(HexFormat.of().parseHex(sha256Hex.toLowerCase()), principal);
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The key presented as {@code Authorization: Bearer <key>}, if it is one of ours. */
    public Optional<ApiPrincipal> authenticate(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        byte[] presented = sha256(authorizationHeader.substring(7).trim());
        ApiPrincipal found = null;
        for (Entry e : this.entries) {
            if (MessageDigest.isEqual(presented, e.sha256()) && found == null) {
                found = e.principal();
            }
        }
        return Optional.ofNullable(found);
    }

    public static String sha256Hex(String key) {
        return HexFormat.of().formatHex(sha256(key));
    }

    static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
