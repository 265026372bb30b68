package io.skyrtc.signaling.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** API keys by hash, Bearer only; scopes as documented in docs/API.md. */
class ApiKeysTest {
    static final ApiPrincipal BACKEND = new ApiPrincipal("backend", List.of("room", "agora:main"), 0, 600, 60);
    static final ApiKeys KEYS = new ApiKeys(List.of(ApiKeys.entry(ApiKeys.sha256Hex("sk_backend"), BACKEND)));

    @Test
    void onlyTheKeyWhoseHashIsConfiguredAuthenticatesAsABearer() {
        assertThat(KEYS.authenticate("Bearer sk_backend")).contains(BACKEND);
        assertThat(KEYS.authenticate("bearer sk_backend")).contains(BACKEND);
        assertThat(KEYS.authenticate("Bearer sk_other")).isEmpty();
        assertThat(KEYS.authenticate("Basic sk_backend")).isEmpty();
        assertThat(KEYS.authenticate("sk_backend")).isEmpty();
        assertThat(KEYS.authenticate(null)).isEmpty();
    }

    @Test
    void theHashIsTheHexSha256OfTheKey() {
        // SHA-256("1"), as README's example config shows
        assertThat(ApiKeys.sha256Hex("1")).isEqualTo("6b86b273ff34fce19d6b804eff5a3f5747ada4eaa22f1d49c01e52ddb7875b4b");
        ApiKeys upper = new ApiKeys(List.of(ApiKeys.entry(ApiKeys.sha256Hex("k").toUpperCase(), BACKEND)));
        assertThat(upper.authenticate("Bearer k")).contains(BACKEND);
    }

    @Test
    void scopesCoverTheirAppsAndNothingElse() {
        assertThat(BACKEND.allows("room")).isTrue();
        assertThat(BACKEND.allows("agora:main")).isTrue();
        assertThat(BACKEND.allows("agora:other")).isFalse();
        assertThat(BACKEND.allows("agora")).isFalse();
        assertThat(BACKEND.allowsSome("agora")).isTrue();
        assertThat(BACKEND.allowsSome("tencent")).isFalse();
        ApiPrincipal vendor = new ApiPrincipal("v", List.of("tencent"), 0, 600, 60);
        assertThat(vendor.allows("tencent:trtc")).isTrue();
        ApiPrincipal all = new ApiPrincipal("all", List.of("*"), 0, 600, 60);
        assertThat(all.allows("admin")).isTrue();
    }

    @Test
    void aKeysRateLimitAdmitsItsBurstThenWaits() {
        ApiPrincipal p = new ApiPrincipal("p", List.of("*"), 0, 60, 2);  // one per second, two at once
        long now = System.nanoTime();
        assertThat(p.admit(now)).isZero();
        assertThat(p.admit(now)).isZero();
        long wait = p.admit(now);
        assertThat(wait).isPositive().isLessThanOrEqualTo(1_000_000_000L);
    }
}
