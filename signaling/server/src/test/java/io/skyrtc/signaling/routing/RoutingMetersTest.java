package io.skyrtc.signaling.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.skyrtc.signaling.SkyrtcServer;
import io.skyrtc.signaling.testing.ServerFixture;
import io.skyrtc.signaling.testing.TestServers;
import io.skyrtc.signaling.testing.WsClient;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The multi-node meters on /metrics: rooms owned, remote peers and edge sessions, frames relayed between
 * nodes each way, and a lease renewal that found another owner (counted as lost); /healthz names the
 * node and its owned room count.
 */
class RoutingMetersTest {
    @RegisterExtension
    final ServerFixture fixture = new ServerFixture();

    @Test
    void metricsSayWhatThisNodeOwnsAndRelays() throws Exception {
        try (RedisProcess redis = new RedisProcess()) {
            SkyrtcServer a = fixture.use(TestServers.dev(Cluster.overrides(redis, "a", "meters", 3000)));
            SkyrtcServer b = fixture.use(TestServers.dev(Cluster.overrides(redis, "b", "meters", 3000)));
            await().atMost(Duration.ofSeconds(60)).until(() -> a.routing().redisUp() && b.routing().redisUp());
            assertThat(value(a, "skyrtc_routing_rooms_owned")).isZero();

            WsClient a1 = fixture.client(a);
            a1.join("match", null);
            WsClient b1 = fixture.client(b);
            b1.join("match", null);
            a1.expect("peer-joined");
            for (int k = 0; k < 5; k++) {
                b1.send(WsClient.msg("data", "payload", Map.of("k", k)));
                a1.send(WsClient.msg("data", "payload", Map.of("k", k)));
            }
            for (int k = 0; k < 5; k++) {
                a1.expect("data");
                b1.expect("data");
            }
            assertThat(value(a, "skyrtc_routing_rooms_owned")).isEqualTo(1);
            assertThat(value(a, "skyrtc_routing_peers_remote")).isEqualTo(1);
            assertThat(value(b, "skyrtc_routing_sessions_edge")).isEqualTo(1);
            assertThat(value(b, "skyrtc_routing_rooms_owned")).isZero();
            assertThat(value(a, "skyrtc_routing_redis_up")).isEqualTo(1);
            assertThat(value(a, "skyrtc_routing_leases_confirmed")).isEqualTo(1);
            // b1's 5 messages went to a, a relayed a1's 5 (and b1's join notice, welcome...) back to b
            assertThat(value(b, "skyrtc_routing_relayed_total", "direction=\"sent\"")).isGreaterThanOrEqualTo(5);
            assertThat(value(a, "skyrtc_routing_relayed_total", "direction=\"received\"")).isGreaterThanOrEqualTo(5);
            assertThat(value(a, "skyrtc_routing_relayed_total", "direction=\"sent\"")).isGreaterThanOrEqualTo(5);
            assertThat(value(a, "skyrtc_routing_lease_renew_failures_total", "reason=\"lost\"")).isZero();
            String health = get(a.baseUri().resolve("/healthz"));
            assertThat(health).as(health).contains("\"node\":\"a\"").contains("\"ownedRoomCount\":1")
                    .contains("\"leasesConfirmed\":true");

            // another node's lease appears on the key: a's next renewal finds it lost
            RedisOutageTest.redisCli(redis, "SET", "meters:room:{match}:owner", "z|999", "PX", "60000");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> value(a, "skyrtc_routing_lease_renew_failures_total", "reason=\"lost\"") == 1);
            assertThat(value(a, "skyrtc_routing_rooms_owned")).isZero();
        }
    }

    /** The value of the series {@code name} (with the label {@code k="v"} among its labels, when given). */
    static double value(SkyrtcServer s, String name, String... label) {
        String labels = label.length == 0 ? "(\\{[^}]*\\})?" : "\\{[^}]*" + Pattern.quote(label[0]) + "[^}]*\\}";
        Matcher m = Pattern.compile("^" + Pattern.quote(name) + labels + " ([0-9.eE+-]+)$", Pattern.MULTILINE)
                .matcher(s.scrapeMetrics());
        if (!m.find()) {
            throw new AssertionError("no series " + name + " " + String.join("", label) + " in:\n" + s.scrapeMetrics());
        }
        return Double.parseDouble(m.group(m.groupCount()));
    }

    static String get(java.net.URI uri) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(uri).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    }
}
