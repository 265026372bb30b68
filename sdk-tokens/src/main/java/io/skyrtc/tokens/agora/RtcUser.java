package io.skyrtc.tokens.agora;

/**
 * Who an RTC token is for: a numeric uid (0 = any uid, packed as "") or a string user account
 * (packed verbatim, so account "0" differs from uid 0).
 */
public sealed interface RtcUser {
    /** The uid field as it goes into the token. */
    String packed();

    static RtcUser uid(long uid) {
        return new Uid(uid);
    }

    static RtcUser account(String account) {
        return new Account(account);
    }

    record Uid(long uid) implements RtcUser {
        public Uid {
            AgoraNames.uid(uid);
        }

        public String packed() {
            return AgoraNames.uid(uid);
        }
    }

    record Account(String account) implements RtcUser {
        public String packed() {
            return account;
        }
    }
}
