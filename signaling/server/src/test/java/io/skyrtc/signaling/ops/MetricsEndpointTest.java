package io.skyrtc.signaling.ops;

import static io.skyrtc.signaling.testing.WsClient.msg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.skyrtc.signaling.SkyrtcServer;
import io.skyrtc.signaling.auth.ApiKeys;
import io.skyrtc.signaling.testing.Api;
import io.skyrtc.signaling.testing.PrometheusText;
import io.skyrtc.signaling.testing.ServerFixture;
import io.skyrtc.signaling.testing.TestGate;
import io.skyrtc.signaling.testing.TestServers;
import io.skyrtc.signaling.testing.WsClient;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET /metrics}: a real scrape after real WebSocket traffic, read as Prometheus reads it. */
class MetricsEndpointTest {
    static final String METRICS_KEY = "metrics-key-0123456789abcdef";
    static final String ADMIN_KEY = "admin-key-0123456789abcdef";
    static final String ROOM_KEY = "room-key-0123456789abcdef";
    static final String ROOM = "secret-room-4711";
    static final String ROOM2 = "second-room-0815";

    @RegisterExtension
    final ServerFixture fx = new ServerFixture();

    static String keys() {
        return "[" + key("scraper", METRICS_KEY, "metrics") + "," + key("ops", ADMIN_KEY, "admin") + ","
                + key("mint", ROOM_KEY, "room") + "]";
    }

    static String key(String name, String key, String scope) {
        return "{\"name\":\"" + name + "\",\"sha256\":\"" + ApiKeys.sha256Hex(key) + "\",\"scopes\":[\"" + scope + "\"]}";
    }

    SkyrtcServer dev(Map<String, String> extra) {
        Map<String, String> o = new HashMap<>(extra);
        o.put("auth.apiKeys", keys());
        o.put("actorCore.node", "node-a");
        return fx.use(TestServers.dev(o));
    }

    /** A room or peer id as the server makes them (room/Ids): r_ or p_ and 22 URL-safe characters. */
    static final java.util.regex.Pattern SERVER_ID = java.util.regex.Pattern.compile("(^|[^A-Za-z0-9])[rp]_[A-Za-z0-9_-]{22}");

    @Test
    void scrapeAfterTrafficHasTheDocumentedFamiliesTypesAndNoRoomOrPeerInAnyLabel() throws Exception {
        try (TestGate gate = TestGate.start()) {
            scrapeAfterTraffic(gate);
        }
    }

    void scrapeAfterTraffic(TestGate gate) throws Exception {
        SkyrtcServer s = dev(Map.of("rooms.maxPeersPerRoom", "2",
                "actorCore.gates", "[{\"name\":\"game\",\"host\":\"127.0.0.1\",\"port\":" + gate.port() + "}]"));
        WsClient alice = fx.client(s), bob = fx.client(s), carol = fx.client(s), dave = fx.client(s);
        String a = alice.join(ROOM, null).get("peerId").asText();
        String b = bob.join(ROOM, null).get("peerId").asText();
        alice.expect("peer-joined");
        carol.send(msg("join", "room", ROOM, "name", "carol-the-user"));
        carol.expectError("room-full");
        alice.send(msg("offer", "to", b, "sdp", "v=0\r\n"));
        bob.expect("offer");
        bob.send(msg("candidate", "to", a, "candidate", Map.of("candidate", "c")));
        alice.expect("candidate");
        alice.send(msg("data", "payload", Map.of("x", 1)));
        bob.expect("data");
        dave.send(msg("join", "room", ROOM, "resume", "no-such-token"));
        dave.expectError("resume-invalid");
        dave.send(msg("leave"));
        dave.expectError("not-joined");
        bob.send(msg("leave"));
        assertThat(bob.awaitClose()).isEqualTo(1000);
        // a peer drops, misses two frames while detached and resumes: both are replayed
        WsClient erin = fx.client(s), frank = fx.client(s);
        var erinWelcome = erin.join(ROOM2, null);
        String e = erinWelcome.get("peerId").asText();
        String f = frank.join(ROOM2, null).get("peerId").asText();
        erin.expect("peer-joined");
        erin.drop();
        await().atMost(Duration.ofSeconds(10)).until(() -> scrape(s).value("skyrtc_peers_detached") == 1);
        frank.send(msg("data", "to", e, "payload", 1));
        frank.send(msg("data", "to", e, "payload", 2));
        WsClient erin2 = fx.client(s);
        erin2.resume(ROOM2, erinWelcome.get("resumeToken").asText(), erin);
        erin2.expect("data");
        erin2.expect("data");
        frank.drop();  // in grace when scraped
        String roomId = s.rooms().snapshot(ROOM).get(5, TimeUnit.SECONDS).roomId();
        String room2Id = s.rooms().snapshot(ROOM2).get(5, TimeUnit.SECONDS).roomId();
        // a refused reload (a dev node started without a config file has nothing to re-read)
        assertThat(Api.post(s.baseUri(), "/v1/admin/reload", ADMIN_KEY, "").statusCode()).isEqualTo(422);

        PrometheusText p = await().atMost(Duration.ofSeconds(10)).until(() -> {
            System.gc();  // so that a GC pause has been timed
            return scrape(s);
        }, t -> t.value("skyrtc_ws_closes_total", "code", "1000") == 1 && t.value("skyrtc_peers") == 3
                && t.value("skyrtc_peers_detached") == 1 && t.types.containsKey("skyrtc_jvm_gc_pause_seconds")
                && t.value("skyrtc_gate_up", "gate", "game") == 1 && t.value("skyrtc_gate_outbox_depth", "gate", "game") == 0);

        // names and types as documented in docs/OPERATIONS.md
        assertThat(p.types).containsEntry("skyrtc_rooms", "gauge").containsEntry("skyrtc_peers", "gauge")
                .containsEntry("skyrtc_connections", "gauge")
                .containsEntry("skyrtc_join_latency_seconds", "histogram")
                .containsEntry("skyrtc_jetty_threads_busy", "gauge")
                .containsEntry("skyrtc_jvm_memory_used_bytes", "gauge")
                .containsEntry("skyrtc_jvm_gc_pause_seconds", "summary")
                .containsEntry("skyrtc_process_cpu_usage", "gauge")
                .containsEntry("skyrtc_peers_detached", "gauge")
                .containsEntry("skyrtc_gate_up", "gauge").containsEntry("skyrtc_gate_outbox_depth", "gauge")
                .containsEntry("skyrtc_gate_outbox_oldest_ms", "gauge");
        for (String counter : List.of("skyrtc_joins", "skyrtc_resumes", "skyrtc_messages_relayed", "skyrtc_errors",
                "skyrtc_ws_closes", "skyrtc_connections_closed", "skyrtc_resume_queue_dropped", "skyrtc_resume_replayed",
                "skyrtc_config_reloads", "skyrtc_gate_events_dropped", "skyrtc_gate_events_written",
                "skyrtc_process_cpu_time_ns")) {
            assertThat(typeOf(p, counter)).as(counter).isEqualTo("counter");
        }
        assertThat(MetricsDocs.undocumented(p)).as("families missing from docs/OPERATIONS.md").isEmpty();
        // every series: our prefix, our node, a declared family
        for (PrometheusText.Sample sample : p.samples) {
            assertThat(sample.name()).startsWith("skyrtc_");
            assertThat(sample.labels()).as(sample.name()).containsEntry("node", "node-a");
            assertThat(p.familyOf(sample.name())).as("family of " + sample.name()).isNotNull();
        }
        // what happened, counted by bounded labels
        assertThat(p.value("skyrtc_rooms")).isEqualTo(2);
        assertThat(p.value("skyrtc_joins_total", "outcome", "ok")).isEqualTo(4);
        assertThat(p.value("skyrtc_joins_total", "outcome", "room-full")).isEqualTo(1);
        assertThat(p.value("skyrtc_resumes_total", "outcome", "failed")).isEqualTo(1);
        assertThat(p.value("skyrtc_resumes_total", "outcome", "ok")).isEqualTo(1);
        assertThat(p.value("skyrtc_resume_replayed_total")).isEqualTo(2);
        assertThat(p.value("skyrtc_resume_replay_missed_total")).isZero();
        assertThat(p.value("skyrtc_errors_total", "code", "room-full")).isEqualTo(1);
        assertThat(p.value("skyrtc_errors_total", "code", "not-joined")).isEqualTo(1);
        assertThat(p.value("skyrtc_messages_relayed_total", "type", "offer")).isEqualTo(1);
        assertThat(p.value("skyrtc_messages_relayed_total", "type", "candidate")).isEqualTo(1);
        assertThat(p.value("skyrtc_messages_relayed_total", "type", "data")).isEqualTo(3);
        assertThat(p.value("skyrtc_messages_relayed_total", "type", "answer")).isEqualTo(0);
        assertThat(p.value("skyrtc_join_latency_seconds_count")).isEqualTo(5);  // 4 welcomes + 1 refusal
        assertThat(p.value("skyrtc_join_latency_seconds_bucket", "le", "+Inf")).isEqualTo(5);
        assertThat(p.value("skyrtc_jetty_threads_config_max")).isGreaterThan(0);
        assertThat(p.value("skyrtc_jvm_gc_pause_seconds_count", "cause", "System.gc()")).isGreaterThanOrEqualTo(1);
        assertThat(p.value("skyrtc_process_cpu_usage")).isBetween(0.0, 1.0);
        assertThat(p.value("skyrtc_process_cpu_time_ns_total")).isGreaterThan(0);
        assertThat(p.value("skyrtc_gate_events_written_total", "gate", "game")).isGreaterThan(0);
        assertThat(p.value("skyrtc_gate_events_dropped_total", "gate", "game")).isZero();
        assertThat(p.value("skyrtc_gate_outbox_oldest_ms", "gate", "game")).isZero();
        assertThat(p.value("skyrtc_config_reloads_total", "outcome", "invalid")).isEqualTo(1);
        assertThat(p.value("skyrtc_config_reloads_total", "outcome", "ok")).isZero();
        assertThat(p.value("skyrtc_config_reloads_total", "outcome", "restart-needed")).isZero();
        // nothing a client chose or the server made per room or peer appears in any label: room names and
        // ids, peer ids, display names
        assertThat(List.of(roomId, room2Id, a, b, e, f)).allSatisfy(id -> assertThat(id).containsPattern(SERVER_ID));
        Set<String> forbidden = Set.of(ROOM, ROOM2, roomId, room2Id, a, b, e, f, "n-" + ROOM, "n-" + ROOM2,
                "carol-the-user");
        for (PrometheusText.Sample sample : p.samples) {
            for (String value : sample.labels().values()) {
                assertThat(forbidden).as("label value of " + sample.name()).doesNotContain(value);
                assertThat(value).as("label value of " + sample.name()).doesNotContain(ROOM).doesNotContain(ROOM2)
                        .doesNotContainPattern(SERVER_ID);
            }
        }
        // the JSON health view reads the same relay counter
        String health = Api.get(s.baseUri(), "/healthz", null).body();
        assertThat(new ObjectMapper().readTree(health).get("relayed").asLong()).isEqualTo(5);
    }

    @Test
    void vendorTokensClusterCallsTurnHealthAndQueuedBytesHaveTheirSeries() throws Exception {
        String vendorKey = "vendor-key-0123456789abcdef";
        SkyrtcServer s = fx.use(TestServers.dev(Map.of("actorCore.node", "node-a",
                "auth.apiKeys", keys().substring(0, keys().length() - 1) + "," + key("vendor", vendorKey, "tencent") + "]",
                "vendors.tencent", "[{\"name\":\"trtc\",\"sdkAppId\":1400000001,\"secretKey\":\""
                        + "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e\"}]",
                "turn.urls", "[\"turn:127.0.0.1:9?transport=udp\"]", "turn.secrets", "[\"turn-secret\"]",
                "turn.healthIntervalMs", "0", "turn.checkTimeoutMs", "300",
                "actorCore.cluster.listen", "127.0.0.1:0", "actorCore.cluster.nodes", "{\"game\":\"127.0.0.1:1\"}",
                "actorCore.cluster.eventsNode", "game")));
        assertThat(Api.post(s.baseUri(), "/v1/tokens/tencent/usersig", vendorKey, "{\"userId\":\"u1\"}")
                .statusCode()).isEqualTo(200);
        assertThat(Api.post(s.baseUri(), "/v1/tokens/tencent/usersig", vendorKey,
                "{\"app\":\"client-chosen-" + ROOM + "\",\"userId\":\"u1\"}").statusCode()).isEqualTo(400);
        try (io.skyrtc.signaling.skynet.cluster.ClusterClient c = new io.skyrtc.signaling.skynet.cluster.ClusterClient(
                "rtc", () -> new java.net.InetSocketAddress("127.0.0.1", s.cluster().port()), 2000, 1 << 20)) {
            var skyrtc = new io.skyrtc.signaling.skynet.cluster.ClusterAddress.Name("@skyrtc");
            assertThat(c.call(skyrtc, 5000, "list-rooms").get()).first().isEqualTo(true);
            assertThat(c.call(skyrtc, 5000, "room_info", ROOM).get()).first().isEqualTo(false);
            assertThat(c.call(skyrtc, 5000, "fly-" + ROOM).get()).first().isEqualTo(false);
        }
        s.turn().health().checkNow();  // nothing listens on port 9: down

        PrometheusText p = scrape(s);
        assertThat(typeOf(p, "skyrtc_vendor_tokens")).isEqualTo("counter");
        assertThat(p.value("skyrtc_vendor_tokens_total", "vendor", "tencent", "app", "trtc", "outcome", "ok")).isEqualTo(1);
        assertThat(p.value("skyrtc_vendor_tokens_total", "vendor", "tencent", "app", "other", "outcome", "invalid-field"))
                .isEqualTo(1);
        assertThat(typeOf(p, "skyrtc_cluster_calls")).isEqualTo("counter");
        assertThat(p.value("skyrtc_cluster_calls_total", "command", "list-rooms", "outcome", "ok")).isEqualTo(1);
        assertThat(p.value("skyrtc_cluster_calls_total", "command", "room-info", "outcome", "not-found")).isEqualTo(1);
        assertThat(p.value("skyrtc_cluster_calls_total", "command", "other", "outcome", "unknown-command")).isEqualTo(1);
        assertThat(p.types).containsEntry("skyrtc_turn_server_up", "gauge")
                .containsEntry("skyrtc_turn_server_last_check_seconds", "gauge")
                .containsEntry("skyrtc_outbound_queue_bytes", "gauge");
        assertThat(p.value("skyrtc_turn_server_up", "server", "turn:127.0.0.1:9?transport=udp")).isZero();
        assertThat(p.value("skyrtc_turn_server_last_check_seconds", "server", "turn:127.0.0.1:9?transport=udp"))
                .isGreaterThan(1.7e9);
        assertThat(p.value("skyrtc_outbound_queue_bytes")).isZero();
        assertThat(p.value("skyrtc_cluster_events_up", "cluster_node", "game")).isZero();  // nothing listens there
        assertThat(p.types).containsEntry("skyrtc_cluster_outbox_depth", "gauge");
        assertThat(MetricsDocs.undocumented(p)).as("families missing from docs/OPERATIONS.md").isEmpty();
        for (PrometheusText.Sample sample : p.samples) {
            for (String value : sample.labels().values()) {
                assertThat(value).as("label value of " + sample.name()).doesNotContain(ROOM);
            }
        }
    }

    @Test
    void outsideTheAllowListOnlyAMetricsOrAdminKeyReadsIt() throws Exception {
        SkyrtcServer s = dev(Map.of("server.metrics.allow", "10.0.0.0/8"));  // loopback is not in it

        HttpResponse<String> none = Api.get(s.baseUri(), "/metrics", null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("application/json"));
        assertThat(none.body()).contains("\"code\":\"unauthorized\"");
        assertThat(Api.get(s.baseUri(), "/metrics", "wrong-key").statusCode()).isEqualTo(401);
        HttpResponse<String> wrongScope = Api.get(s.baseUri(), "/metrics", ROOM_KEY);
        assertThat(wrongScope.statusCode()).isEqualTo(403);
        assertThat(wrongScope.body()).contains("\"code\":\"forbidden\"");

        for (String key : List.of(METRICS_KEY, ADMIN_KEY)) {
            HttpResponse<String> ok = Api.get(s.baseUri(), "/metrics", key);
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.headers().firstValue("Content-Type")).hasValue(MetricsEndpoint.CONTENT_TYPE);
            assertThat(PrometheusText.parse(ok.body()).types).containsKey("skyrtc_rooms");
        }
        assertThat(Api.post(s.baseUri(), "/metrics", METRICS_KEY, "").statusCode()).isEqualTo(405);
    }

    @Test
    void loopbackReadsWithoutAKeyByDefaultButNotThroughAProxy() throws Exception {
        SkyrtcServer s = dev(Map.of());
        assertThat(Api.get(s.baseUri(), "/metrics", null).statusCode()).isEqualTo(200);

        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> proxied = http.send(HttpRequest.newBuilder(s.baseUri().resolve("/metrics"))
                .header("X-Forwarded-For", "203.0.113.9").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(proxied.statusCode()).isEqualTo(401);
        HttpResponse<String> proxiedWithKey = http.send(HttpRequest.newBuilder(s.baseUri().resolve("/metrics"))
                .header("Forwarded", "for=203.0.113.9").header("Authorization", "Bearer " + METRICS_KEY).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(proxiedWithKey.statusCode()).isEqualTo(200);
    }

    static PrometheusText scrape(SkyrtcServer s) throws Exception {
        HttpResponse<String> r = Api.get(s.baseUri(), "/metrics", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return PrometheusText.parse(r.body());
    }

    static String typeOf(PrometheusText p, String family) {
        String t = p.types.get(family);
        return t != null ? t : p.types.get(family + "_total");
    }
}
