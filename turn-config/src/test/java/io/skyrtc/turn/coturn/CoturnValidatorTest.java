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
        "{prometheus: {enabled: true, address: 0.0.0.0}} | e.prometheus.address: '0.0.0.0' is not one IP",
        "{prometheus: {enabled: true, address: '::'}}   | e.prometheus.address: '::' is not one IP",
        "{prometheus: {enabled: true, address: metrics.local}} | e.prometheus.address",
        "{maxBps: 0}                                    | e.bpsCapacity: needs maxBps",
        "{maxBps: 1000, bpsCapacity: 999}               | e.bpsCapacity: smaller than maxBps (999 < 1000)",
        "{bpsCapacity: -1}                              | must not be negative",
        "{deniedPeerIps: ['::']}                        | all-zero bound (::) makes coturn match every address",
        "{allowedPeerIps: ['::-::ffff']}                | all-zero bound",
        "{allowedPeerIps: ['0.0.0.0'], allowDeniedRanges: true, allowDeniedRangesReason: x} | all-zero bound (0.0.0.0)",
        "{allowedPeerIps: ['2001:db8::5-2001:db8::1:3']} | byte by byte",
    })
    void refuses(String env, String message) {
        assertThat(problems(env)).anySatisfy(p -> assertThat(p).contains(message));
    }

    /** Item 18: an allow-range touching a denied range by one address needs the opt-in and a reason. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "0.0.0.1-255.255.255.255                   | 0.0.0.0-0.255.255.255",
        "10.255.255.255                            | 10.0.0.0-10.255.255.255",
        "9.0.0.0-10.0.0.0                          | 10.0.0.0-10.255.255.255",
        "192.88.99.255-192.88.100.0                | 192.88.99.0-192.88.99.255",
        "\"fe80::1\"                               | fe80::",
        "\"::ffff:10.0.0.1\"                       | ::ffff:0.0.0.0",
        "\"2002::-2002:ffff:ffff:ffff:ffff:ffff:ffff:ffff\" | 2002::",
    })
    void allowRangesThatReopenADeniedRangeNeedTheOptInWithAReason(String allowed, String denied) {
        assertThat(problems("{allowedPeerIps: [" + allowed + "]}")).anySatisfy(p -> assertThat(p)
                .startsWith("e.allowedPeerIps: ").contains("re-opens denied range " + denied)
                .contains("allowDeniedRanges: true"));
        assertThat(problems("{allowedPeerIps: [" + allowed + "], allowDeniedRanges: true}"))
                .contains("e.allowDeniedRangesReason: required with allowDeniedRanges: true (say why the relay "
                        + "may reach these addresses)");
        assertThat(problems("{allowedPeerIps: [" + allowed + "], allowDeniedRanges: true, allowDeniedRangesReason: ' '}"))
                .anySatisfy(p -> assertThat(p).startsWith("e.allowDeniedRangesReason: required"));
        assertThat(problems("{allowedPeerIps: [" + allowed + "], allowDeniedRanges: true, "
                + "allowDeniedRangesReason: 'our SFU'}")).isEmpty();
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
        "{allowedPeerIps: [10.0.0.1-10.0.0.9, 'fd00::1'], allowDeniedRanges: true, allowDeniedRangesReason: 'SFU in the VPC'}",
        "{dev: true, allowLoopbackPeers: true, deniedPeerIps: []}",
        "{dev: true, allowedPeerIps: [0.0.0.1-255.255.255.255]}",
        "{maxBps: 1000, bpsCapacity: 1000}",
        "{maxBps: 0, bpsCapacity: 0}",
        "{prometheus: {enabled: true, address: 10.0.0.5}}",
        "{allowedPeerIps: ['2001:db8::-2001:db8::ffff', 9.255.255.255, 11.0.0.0, 192.88.98.255, 192.88.100.0]}",
    })
    void acceptsTheEdges(String env) {
        assertThat(problems(env)).isEmpty();
    }
}
