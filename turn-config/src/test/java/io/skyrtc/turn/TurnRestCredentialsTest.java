package io.skyrtc.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class TurnRestCredentialsTest {
    static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void usernameIsExpiryColonUserAndPasswordIsBase64HmacSha1() {
        var creds = new TurnRestCredentials(List.of("north"), CLOCK);
        var c = creds.issue("alice", Duration.ofHours(4));
        assertThat(c.username()).isEqualTo((NOW.getEpochSecond() + 14_400) + ":alice");
        // Computed independently: printf '%s' "1795795200:alice" | openssl dgst -sha1 -hmac north -binary | base64
        assertThat(TurnRestCredentials.password("north", "1795795200:alice")).isEqualTo("rGeyVAmiepYjRHXnr0ba0yq9IsE=");
        assertThat(c.ttlSeconds(NOW)).isEqualTo(14_400);
        assertThat(IceServers.rest(List.of("turn:t.example:3478"), c, NOW.plusSeconds(400)).ttl()).isEqualTo(14_000);
    }

    @Test
    void rotationSignsWithTheFirstAndVerifiesWithAny() {
        var old = new TurnRestCredentials(List.of("old"), CLOCK).issue("bob", Duration.ofMinutes(5));
        var rotating = new TurnRestCredentials(List.of("new", "old"), CLOCK);
        assertThat(rotating.verify(old.username(), old.password())).isTrue();
        var fresh = rotating.issue("bob", Duration.ofMinutes(5));
        assertThat(fresh.password()).isEqualTo(TurnRestCredentials.password("new", fresh.username()));
        assertThat(new TurnRestCredentials(List.of("other"), CLOCK).verify(fresh.username(), fresh.password())).isFalse();
        var later = new TurnRestCredentials(List.of("new"), Clock.fixed(NOW.plusSeconds(301), ZoneOffset.UTC));
        assertThat(later.verify(fresh.username(), fresh.password())).isFalse(); // expired
    }

    @Test
    void limitsAtTheirEdges() {
        var creds = new TurnRestCredentials(List.of("s"), CLOCK);
        assertThat(creds.issue("u", Duration.ofHours(24)).expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(24)));
        assertThatThrownBy(() -> creds.issue("u", Duration.ofHours(24).plusSeconds(1))).hasMessageContaining("ttl");
        assertThatThrownBy(() -> creds.issue("u", Duration.ZERO)).hasMessageContaining("ttl");
        assertThatThrownBy(() -> creds.issue("a:b", Duration.ofHours(1))).hasMessageContaining("user");
        assertThatThrownBy(() -> new TurnRestCredentials(List.of(), CLOCK)).hasMessageContaining("secret");
        IceServers.checkUrl("turns:turn.example.com:5349?transport=tcp");
        assertThatThrownBy(() -> IceServers.checkUrl("http://x")).isInstanceOf(IllegalArgumentException.class);
    }
}
