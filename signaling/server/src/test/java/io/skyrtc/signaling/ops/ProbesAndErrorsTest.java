package io.skyrtc.signaling.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.skyrtc.signaling.SkyrtcServer;
import io.skyrtc.signaling.room.LeaveReason;
import io.skyrtc.signaling.room.RoomObserver;
import io.skyrtc.signaling.testing.Api;
import io.skyrtc.signaling.testing.ServerFixture;
import io.skyrtc.signaling.testing.TestServers;
import io.skyrtc.signaling.testing.WsClient;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** /livez, /readyz and the JSON shape of every error Jetty answers on its own. */
class ProbesAndErrorsTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final ServerFixture fx = new ServerFixture();

    @Test
    void liveAndReadyWhileServingNotReadyWhileDraining() throws Exception {
        SkyrtcServer s = fx.use(TestServers.start(Map.of()));
        HttpResponse<String> live = Api.get(s.baseUri(), "/livez", null);
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(live.body()).get("status").asText()).isEqualTo("alive");
        HttpResponse<String> ready = Api.get(s.baseUri(), "/readyz", null);
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(ready.body()).get("status").asText()).isEqualTo("ready");

        s.readiness().notReady("draining");
        HttpResponse<String> draining = Api.get(s.baseUri(), "/readyz", null);
        assertThat(draining.statusCode()).isEqualTo(503);
        assertThat(error(draining).get("code").asText()).isEqualTo("not-ready");
        assertThat(error(draining).get("message").asText()).isEqualTo("draining");
        assertThat(Api.get(s.baseUri(), "/livez", null).statusCode()).isEqualTo(200);
        s.readiness().ready();
        assertThat(Api.get(s.baseUri(), "/readyz", null).statusCode()).isEqualTo(200);
    }

    @Test
    void shutdownTurnsReadinessOffBeforeTheServerStopsServing() throws Exception {
        // the connector stops accepting before rooms are told (nothing joins unseen), so /readyz cannot be
        // asked over a new connection then; what it would answer is read from the node's readiness
        CompletableFuture<String> duringShutdown = new CompletableFuture<>();
        SkyrtcServer[] server = new SkyrtcServer[1];
        RoomObserver probeOnShutdown = new RoomObserver() {
            @Override
            public void peerLeft(String room, String peerId, String identity, LeaveReason reason) {
                if (reason == LeaveReason.SHUTDOWN) {
                    duringShutdown.complete(String.valueOf(server[0].readiness().reason()));
                }
            }
        };
        SkyrtcServer s = TestServers.start(TestServers.config(Map.of("server.dev", "true")), probeOnShutdown);
        server[0] = s;
        assertThat(Api.get(s.baseUri(), "/readyz", null).statusCode()).isEqualTo(200);
        WsClient peer = fx.track(WsClient.connect(s.baseUri()));
        peer.join("r", null);
        s.close();
        assertThat(duringShutdown.get(10, TimeUnit.SECONDS)).isEqualTo("shutting-down");
    }

    @Test
    void unknownPathsAndRefusedRequestsAnswerJsonNotJettysHtml() throws Exception {
        SkyrtcServer s = fx.use(TestServers.start(Map.of()));
        for (String path : List.of("/nope", "/v1/nope", "/sdk/missing.js", "/rtc/ws")) {
            HttpResponse<String> r = Api.get(s.baseUri(), path, null);
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).as(path).startsWith("application/json");
            assertThat(r.body()).doesNotContainIgnoringCase("<html").doesNotContain("Jetty");
            assertThat(error(r).get("code").asText()).isEqualTo("not-found");
            assertThat(error(r).get("message").asText()).isEqualTo("no such path: " + path);
        }
        HttpResponse<String> post = Api.post(s.baseUri(), "/nope", null, "{}");
        assertThat(post.statusCode()).isEqualTo(404);
        assertThat(error(post).get("code").asText()).isEqualTo("not-found");
        // the demo pages are still served
        assertThat(Api.get(s.baseUri(), "/", null).body()).containsIgnoringCase("<html");

        // a request Jetty cannot parse never reaches a handler: its 400 is JSON too
        String raw = rawRequest(s, "GET / HTTP/1.1\r\nHost: x\r\nNo colon here\r\n\r\n");
        assertThat(raw).startsWith("HTTP/1.1 400");
        assertThat(raw).containsIgnoringCase("Content-Type: application/json");
        String body = raw.substring(raw.indexOf("\r\n\r\n") + 4);
        assertThat(JSON.readTree(body).get("error").get("code").asText()).isEqualTo("bad-request");
    }

    @Test
    void aRefusedUpgradeIsJson() throws Exception {
        SkyrtcServer s = fx.use(TestServers.start(Map.of("server.allowedOrigins", "https://game.example")));
        String raw = rawRequest(s, "GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + "Origin: https://evil.example\r\n\r\n");
        assertThat(raw).startsWith("HTTP/1.1 403");
        String body = raw.substring(raw.indexOf("\r\n\r\n") + 4);
        assertThat(JSON.readTree(body).get("error").get("code").asText()).isEqualTo("forbidden");
        assertThat(JSON.readTree(body).get("error").get("message").asText()).contains("origin not allowed");
    }

    static JsonNode error(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body()).get("error");
    }

    /** One request on a raw socket (Connection: close semantics: read until the server closes or 2 s pass). */
    static String rawRequest(SkyrtcServer s, String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", s.port())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder sb = new StringBuilder();
            byte[] buf = new byte[4096];
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (System.nanoTime() < deadline) {
                int n;
                try {
                    n = in.read(buf);
                } catch (java.net.SocketTimeoutException e) {
                    break;
                }
                if (n < 0) {
                    break;
                }
                sb.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                if (complete(sb)) {
                    break;
                }
            }
            return sb.toString();
        }
    }

    /** Headers done and Content-Length bytes of body read. */
    private static boolean complete(StringBuilder sb) {
        int end = sb.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        String head = sb.substring(0, end).toLowerCase();
        int cl = head.indexOf("content-length:");
        if (cl < 0) {
            return false;
        }
        int eol = head.indexOf("\r\n", cl);
        int length = Integer.parseInt(head.substring(cl + 15, eol < 0 ? head.length() : eol).trim());
        return sb.length() - end - 4 >= length;
    }
}
