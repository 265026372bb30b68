package io.skyrtc.turn.check;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * The result for one URL. {@code errorCode}/{@code errorReason} are the STUN error the server sent
 * (e.g. 401, 437, 486, 403), absent on timeouts and local errors, which {@code detail} explains.
 *
 * @param kind           {@code stun} (Binding) or {@code turn} (Allocate)
 * @param server         the resolved address that was checked
 * @param mappedAddress  our address as the server saw it (XOR-MAPPED-ADDRESS)
 * @param relayedAddress the allocated relay address (XOR-RELAYED-ADDRESS), TURN only
 * @param rttMs          round trip of the deciding request (the authenticated Allocate for TURN)
 * @param permission     result of the optional CreatePermission probe
 * @param released       whether the allocation was released afterwards (Refresh lifetime 0)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServerCheck(String url, String kind, Status status, String server, String mappedAddress,
                          String relayedAddress, Double rttMs, Integer errorCode, String errorReason,
                          String detail, PermissionProbe permission, Boolean released) {

    public enum Status {
        PASSED, FAILED, NOT_CHECKED;

        @JsonValue
        public String json() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * CreatePermission towards {@code peer} on the new allocation: a hardened relay answers 403 for
     * private and loopback peers.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PermissionProbe(String peer, boolean allowed, Integer errorCode, String errorReason,
                                  String detail) {}

    static ServerCheck notChecked(IceUrl url, String why) {
        return new ServerCheck(url.url(), kind(url), Status.NOT_CHECKED, null, null, null, null, null, null, why,
                null, null);
    }

    static ServerCheck failed(IceUrl url, String server, Integer code, String reason, String detail) {
        return new ServerCheck(url.url(), kind(url), Status.FAILED, server, null, null, null, code, reason, detail,
                null, null);
    }

    static String kind(IceUrl url) {
        return url.isTurn() ? "turn" : "stun";
    }
}
