package io.skyrtc.turn.coturn;

import static io.skyrtc.turn.coturn.CoturnRendererTest.config;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CoturnValidatorTest {
    static List<String> problems(String yamlEnv) {
        return CoturnValidator.problems("e", config(yamlEnv));
    }

    @Test
    void aPlainProfileIsValid() {
        assertThat(problems("{}")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{staticAuthSecrets: []}                        | e.staticAuthSecrets: no TURN REST secret",
        "{staticAuthSecrets: [short]}                   | at least 16 characters",
        "{realm: 'two words'}                           | e.realm: required",
        "{listeningPort: 0}                             | e.listeningPort: 0 is not a port",
        "{maxPort: 70000}                               | e.maxPort: 70000 is not a port",
        "{listeningPort: 50000}                         | e.listeningPort: 50000 lies inside the relay range",
        "{listeningIps: [my-host]}                      | 'my-host' is not an IP literal",
        "{relayIps: [10.0.0.5]}                         | 10.0.0.5 is not public and no externalIps maps it",
        "{externalIps: [1.2.3.4/x]}                     | is not PUBLIC or PUBLIC/PRIVATE",
        "{externalIps: [1.2.3.4, 5.6.7.8/10.0.0.1]}     | each needs its PUBLIC/PRIVATE pair",
        "{allowLoopbackPeers: true}                     | only for dev instances",
        "{deniedPeerIps: [10.0.0.0-10.255.255.255]}     | drops hardened ranges",
        "{allowedPeerIps: [10.0.0.9-10.0.0.1]}          | is not an IP or ip1-ip2 range",
        "{userQuota: 50, totalQuota: 10}                | greater than totalQuota (50 > 10)",
        "{staleNonceSeconds: 5}                         | e.staleNonceSeconds: must be 30..86400",
        "{maxAllocateLifetimeSeconds: 60}               | must be 600..86400",
        "{tls: {cert: /c.pem}}                          | e.tls: needs both cert and pkey",
        "{tls: {cert: /c, pkey: /k, port: 3478}}        | e.tls.port: clashes",
        "{cli: {enabled: true}}                         | hashed password",
        "{cli: {enabled: true, passwordHash: plain}}    | hashed password",
        "{cli: {enabled: true, ip: 0.0.0.0, passwordHash: '$5$a$b'} } | loopback only",
        "{prometheus: {enabled: true, port: 3478}}      | e.prometheus.port: clashes",
    })
    void refuses(String env, String message) {
        assertThat(problems(env)).anySatisfy(p -> assertThat(p).contains(message));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{listeningPort: 1, minPort: 2, maxPort: 65535} ",
        "{listeningPort: 65535, minPort: 1024, maxPort: 65534}",
        "{minPort: 40000, maxPort: 40000}",
        "{relayIps: [10.0.0.5], externalIps: [203.0.113.1]}",
        "{relayIps: [10.0.0.5], dev: true}",
        "{staticAuthSecrets: [0123456789abcdef]}",
        "{userQuota: 10, totalQuota: 10}",
        "{staleNonceSeconds: 30}",
        "{allowedPeerIps: [10.0.0.1-10.0.0.9, 'fd00::1']}",
        "{dev: true, allowLoopbackPeers: true, deniedPeerIps: []}",
    })
    void acceptsTheEdges(String env) {
        assertThat(problems(env)).isEmpty();
    }
}
