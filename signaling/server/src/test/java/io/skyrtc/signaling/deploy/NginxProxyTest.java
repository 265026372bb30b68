package io.skyrtc.signaling.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.skyrtc.signaling.SkyrtcServer;
import io.skyrtc.signaling.auth.ApiKeys;
import io.skyrtc.signaling.testing.ServerFixture;
import io.skyrtc.signaling.testing.TestServers;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * compose/nginx/skyrtc.conf run by Debian's real nginx in front of a real skyrtc, all on loopback. The
 * test changes only the upstream address, the listen ports (loopback, ephemeral) and the certificate
 * paths (a dev certificate made with openssl); everything else is the file as shipped.
 */
class NginxProxyTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String KEY = "game-key-0123456789abcdef";
    static final String METRICS_KEY = "metrics-key-0123456789abcdef";

    @RegisterExtension
    final ServerFixture fx = new ServerFixture();
    @TempDir
    Path dir;
    RealNginx nginx;

    @AfterEach
    void stopNginx() throws Exception {
        if (nginx != null) {
            nginx.close();
        }
    }

    @Test
    void wssJoinAndTheHttpApiThroughThePrefix() throws Exception {
        SkyrtcServer s = fx.use(TestServers.start(Map.of("auth.apiKeys", "[" + key("game", KEY, "room") + ","
                + key("prom", METRICS_KEY, "metrics") + "]")));

        RealNginx.Pem pem = RealNginx.loopbackCertificate(dir);
        Path cert = pem.cert();

        int httpsPort = freePort(), httpPort = freePort();
        String shipped = Files.readString(RepoFiles.path("compose/nginx/skyrtc.conf"));
        String site = rewrite(shipped, s.port(), httpsPort, httpPort, cert, pem.key());
        nginx = RealNginx.start(dir, site, httpsPort);

        HttpClient https = HttpClient.newBuilder().sslContext(trusting(cert)).connectTimeout(Duration.ofSeconds(5))
                .build();
        URI base = URI.create("https://127.0.0.1:" + httpsPort + "/rtc/");

        // the HTTP API through the prefix
        HttpResponse<String> health = https.send(HttpRequest.newBuilder(base.resolve("healthz")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(https.send(HttpRequest.newBuilder(base.resolve("readyz")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        String aliceToken = roomToken(https, base, "alice");
        String bobToken = roomToken(https, base, "bob");
        HttpResponse<String> unknown = https.send(HttpRequest.newBuilder(base.resolve("nope")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).get("error").get("message").asText()).isEqualTo("no such path: /nope");

        // nginx forwards the client's address: skyrtc sees X-Forwarded-For, so the proxied request is not
        // taken for a loopback one and /metrics wants a key even though nginx itself is on loopback
        assertThat(https.send(HttpRequest.newBuilder(base.resolve("metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        HttpResponse<String> metrics = https.send(HttpRequest.newBuilder(base.resolve("metrics"))
                .header("Authorization", "Bearer " + METRICS_KEY).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("skyrtc_rooms");

        // two peers over wss:// through nginx: join, see each other, relay an offer
        URI wss = URI.create("wss://127.0.0.1:" + httpsPort + "/rtc/ws");
        Peer alice = new Peer(https, wss), bob = new Peer(https, wss);
        try {
            alice.send("{\"type\":\"join\",\"room\":\"arena\",\"token\":\"" + aliceToken + "\"}");
            String aliceId = alice.expect("welcome").get("peerId").asText();
            bob.send("{\"type\":\"join\",\"room\":\"arena\",\"token\":\"" + bobToken + "\"}");
            String bobId = bob.expect("welcome").get("peerId").asText();
            assertThat(alice.expect("peer-joined").get("peer").get("peerId").asText()).isEqualTo(bobId);
            alice.send("{\"type\":\"offer\",\"to\":\"" + bobId + "\",\"sdp\":\"v=0\\r\\n\"}");
            JsonNode offer = bob.expect("offer");
            assertThat(offer.get("from").asText()).isEqualTo(aliceId);
            assertThat(offer.get("sdp").asText()).isEqualTo("v=0\r\n");
        } finally {
            alice.close();
            bob.close();
        }

        // TLS 1.2 is enough for a mini-program; plain http is redirected to https
        SSLParameters tls12 = new SSLParameters();
        tls12.setProtocols(new String[] {"TLSv1.2"});
        HttpClient https12 = HttpClient.newBuilder().sslContext(trusting(cert)).sslParameters(tls12).build();
        assertThat(https12.send(HttpRequest.newBuilder(base.resolve("livez")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        HttpResponse<String> plain = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + httpPort + "/rtc/ws")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(plain.statusCode()).isEqualTo(301);
        assertThat(plain.headers().firstValue("Location")).hasValueSatisfying(v -> assertThat(v).startsWith("https://"));
    }

    /** Only the upstream, the listen lines and the certificate paths change. */
    static String rewrite(String conf, int upstreamPort, int httpsPort, int httpPort, Path cert, Path key) {
        String out = conf
                .replace("server skyrtc:8080;", "server 127.0.0.1:" + upstreamPort + ";")
                .replace("listen 443 ssl;", "listen 127.0.0.1:" + httpsPort + " ssl;")
                .replace("listen 80;", "listen 127.0.0.1:" + httpPort + ";")
                .replaceAll("\\n\\s*listen \\[::\\]:\\d+( ssl)?;", "")
                .replace("/etc/nginx/tls/fullchain.pem", cert.toString())
                .replace("/etc/nginx/tls/privkey.pem", key.toString());
        String directives = out.replaceAll("(?m)^\\s*#.*$", "");
        assertThat(directives).doesNotContain("skyrtc:8080").doesNotContain("/etc/nginx/tls").doesNotContain("[::]");
        return out;
    }

    static String roomToken(HttpClient https, URI base, String identity) throws Exception {
        HttpResponse<String> r = https.send(HttpRequest.newBuilder(base.resolve("v1/tokens/room"))
                .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"room\":\"arena\",\"identity\":\"" + identity + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).get("token").asText();
    }

    static String key(String name, String key, String scope) {
        return "{\"name\":\"" + name + "\",\"sha256\":\"" + ApiKeys.sha256Hex(key) + "\",\"scopes\":[\"" + scope + "\"]}";
    }

    static SSLContext trusting(Path certPem) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream in = Files.newInputStream(certPem)) {
            store.setCertificateEntry("dev", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** A WebSocket client over wss:// with the test's trust store; records text messages. */
    static final class Peer implements WebSocket.Listener {
        final BlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
        final StringBuilder partial = new StringBuilder();
        final WebSocket ws;

        Peer(HttpClient client, URI uri) {
            ws = client.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5)).buildAsync(uri, this).join();
        }

        void send(String text) {
            ws.sendText(text, true).join();
        }

        JsonNode expect(String type) throws InterruptedException {
            JsonNode n = inbox.poll(10, TimeUnit.SECONDS);
            assertThat(n).as("a " + type + " within 10 s").isNotNull();
            assertThat(n.path("type").asText()).as(n.toString()).isEqualTo(type);
            return n;
        }

        void close() {
            ws.abort();
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    inbox.add(JSON.readTree(partial.toString()));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }
}
