package io.skyrtc.signaling.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.skyrtc.signaling.SkyrtcServer;
import io.skyrtc.signaling.testing.Api;
import io.skyrtc.signaling.testing.ServerFixture;
import io.skyrtc.signaling.testing.TestServers;
import io.skyrtc.signaling.testing.WsClient;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code admin drain}: readiness off, joins refused with server-draining, peers told, shutdown once empty or at the bound. */
class DrainTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final ServerFixture fx = new ServerFixture();

    @Test
    void drainRefusesNewJoinsTellsPeersAndStopsOnceTheLastPeerLeft() throws Exception {
        // a long bound: the node must stop because the room emptied, not because the time ran out
        SkyrtcServer s = fx.use(TestServers.dev(Map.of("server.drainTimeoutMs", "600000")));
        WsClient a = fx.client(s);
        a.join("r", null);

        long before = System.currentTimeMillis();
        HttpResponse<String> r = Api.post(s.baseUri(), "/v1/admin/drain", "dev", "");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode status = JSON.readTree(r.body());
        assertThat(status.get("draining").asBoolean()).isTrue();
        assertThat(status.get("peers").asInt()).isEqualTo(1);
        assertThat(status.get("deadlineMs").asLong()).isBetween(before + 590_000, before + 700_000);

        JsonNode notice = a.expect("draining");
        assertThat(notice.get("deadlineMs").asLong()).isEqualTo(status.get("deadlineMs").asLong());
        assertThat(notice.get("inMs").asLong()).isBetween(1L, 600_000L);
        HttpResponse<String> ready = Api.get(s.baseUri(), "/readyz", null);
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(ready.body()).at("/error/message").asText()).isEqualTo("draining");

        // a new join, into the same room or another, is refused and closed so the client goes elsewhere
        for (String room : new String[] {"r", "elsewhere"}) {
            WsClient late = fx.client(s);
            late.send(WsClient.msg("join", "room", room, "id", "j1"));
            JsonNode refused = late.expectError("server-draining");
            assertThat(refused.get("ref").asText()).isEqualTo("j1");
            assertThat(late.awaitClose()).isEqualTo(1001);
        }
        // a second drain reports and keeps the deadline
        JsonNode again = JSON.readTree(Api.post(s.baseUri(), "/v1/admin/drain", "dev", "").body());
        assertThat(again.get("deadlineMs").asLong()).isEqualTo(status.get("deadlineMs").asLong());
        assertThat(s.stopped()).isNotDone();

        a.send(WsClient.msg("leave"));
        s.stopped().get(30, TimeUnit.SECONDS);
        assertThat(System.currentTimeMillis() - before).isLessThan(60_000);
    }

    @Test
    void drainNeverWaitsLongerThanItsBound() throws Exception {
        SkyrtcServer s = fx.use(TestServers.dev(Map.of("server.drainTimeoutMs", "1500")));
        WsClient a = fx.client(s);
        a.join("r", null);
        long start = System.nanoTime();
        s.drain();
        a.expect("draining");
        // the peer stays: at the deadline the node shuts down all the same and says so
        s.stopped().get(30, TimeUnit.SECONDS);
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(tookMs).isGreaterThanOrEqualTo(1400);
        a.expectError("server-shutdown");
        assertThat(a.awaitClose()).isEqualTo(1001);
    }

    @Test
    void resumeStillWorksWhileDrainingAndTheNoticeIsNotARoomFrame() throws Exception {
        SkyrtcServer s = fx.use(TestServers.dev(Map.of("server.drainTimeoutMs", "600000")));
        WsClient a = fx.client(s), b = fx.client(s);
        JsonNode welcome = a.join("r", null);
        b.join("r", null);
        a.expect("peer-joined");
        s.drain();
        a.expect("draining");
        b.expect("draining");
        b.send(WsClient.msg("data", "payload", Map.of("n", 1)));
        a.expect("data");
        a.drop();
        WsClient again = fx.client(s);
        // the client counted 2 room frames (peer-joined, data), as the server did: nothing is replayed twice,
        // and the resumed peer hears about the drain again
        JsonNode resumed = again.resume("r", welcome.get("resumeToken").asText(), a);
        assertThat(resumed.get("resumed").asBoolean()).isTrue();
        again.expect("draining");
        again.expectSilence(500);
    }

    @Test
    void drainNeedsTheAdminScope() throws Exception {
        SkyrtcServer s = fx.use(TestServers.start(Map.of()));
        assertThat(Api.post(s.baseUri(), "/v1/admin/drain", null, "").statusCode()).isEqualTo(401);
        assertThat(s.readiness().isReady()).isTrue();
    }
}
