package io.skyrtc.tokens.agora;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The signed content of an Agora AccessToken2 ("007"): app id, issue time, lifetime (seconds after
 * {@code issueTs}), salt and services. Services are kept sorted by type, one per type, as the wire
 * format requires. {@code salt} and the times are unsigned 32-bit values.
 */
public record AccessToken2(String appId, long issueTs, long expire, long salt, List<AgoraService> services) {

    public AccessToken2 {
        services = normalize(services);
    }

    public long expiresAtEpochSeconds() {
        return issueTs + expire;
    }

    /** Later services replace earlier ones of the same type; the result is sorted by type. */
    private static List<AgoraService> normalize(List<AgoraService> services) {
        Map<Integer, AgoraService> byType = new TreeMap<>();
        for (AgoraService s : services) {
            byType.put(s.type(), s);
        }
        List<AgoraService> sorted = new ArrayList<>(byType.values());
        sorted.sort(Comparator.comparingInt(AgoraService::type));
        return List.copyOf(sorted);
    }
}
