package io.skyrtc.turn.check;

import java.time.Duration;

/** What a TURN check authenticates with. */
public sealed interface IceCredentials {

    /** coturn {@code use-auth-secret}: credentials are minted for {@code user} with a short lifetime. */
    record RestSecret(String secret, String user, Duration ttl) implements IceCredentials {
        public RestSecret {
            if (secret == null || secret.isEmpty()) {
                throw new IllegalArgumentException("secret must not be empty");
            }
            user = user == null ? "skyrtc-check" : user;
            ttl = ttl == null ? Duration.ofMinutes(5) : ttl;
        }
    }

    /** A username and credential as given (e.g. copied from an iceServers entry). */
    record Fixed(String username, String credential) implements IceCredentials {
        public Fixed {
            if (username == null || credential == null) {
                throw new IllegalArgumentException("username and credential are both required");
            }
        }
    }

    /** No credentials: TURN servers are only probed for their 401 challenge. */
    record None() implements IceCredentials {}
}
