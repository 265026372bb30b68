package io.skyrtc.signaling.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.skyrtc.signaling.SkyrtcServer;
import io.skyrtc.signaling.config.ConfigException;
import io.skyrtc.signaling.testing.ServerFixture;
import io.skyrtc.signaling.testing.TestServers;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Direct wss:// with PEM files as certbot writes them and with the dev certificate; TLS 1.1 refused; reload. */
class TlsTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final ServerFixture fx = new ServerFixture();
    @TempDir
    Path dir;

    /** An RSA certificate for 127.0.0.1 with a PKCS#8 key, made by openssl as certbot's files look. */
    static void opensslCert(Path cert, Path key, String cn) throws Exception {
        Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(),
                "-out", cert.toString(), "-days", "2", "-subj", "/CN=" + cn, "-addext", "subjectAltName=IP:127.0.0.1")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }

    static X509Certificate read(Path pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(pem)));
    }

    static SSLContext trusting(Certificate cert) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setCertificateEntry("server", cert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    /** A wss join with a client that trusts only {@code cert} (and checks the host name): returns the first reply. */
    static JsonNode wssJoin(SkyrtcServer s, Certificate cert) throws Exception {
        return wssJoin(s.baseUri(), cert);
    }

    /** As {@link #wssJoin(SkyrtcServer, Certificate)}, to the server at {@code base} (https://host:port). */
    static JsonNode wssJoin(URI base, Certificate cert) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(trusting(cert)).connectTimeout(Duration.ofSeconds(20)).build();
        CompletableFuture<String> first = new CompletableFuture<>();
        URI uri = URI.create(base.toString().replaceFirst("/$", "").replace("https://", "wss://") + "/ws");
        WebSocket ws = client.newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() {
            final StringBuilder sb = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                sb.append(data);
                if (last) {
                    first.complete(sb.toString());
                }
                w.request(1);
                return null;
            }
        }).get(30, TimeUnit.SECONDS);
        ws.sendText("{\"type\":\"join\",\"room\":\"tls\",\"name\":\"a\"}", true).get(10, TimeUnit.SECONDS);
        JsonNode reply = JSON.readTree(first.get(20, TimeUnit.SECONDS));
        ws.abort();
        return reply;
    }

    /** The certificate the server presents now (no trust check: we only look). */
    static X509Certificate presented(SkyrtcServer s) throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new javax.net.ssl.TrustManager[] {new javax.net.ssl.X509TrustManager() {
            public void checkClientTrusted(X509Certificate[] c, String a) {}

            public void checkServerTrusted(X509Certificate[] c, String a) {}

            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        try (SSLSocket socket = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", s.port())) {
            socket.setSoTimeout(20_000);
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }

    /** openssl s_client with one protocol version; true when the handshake completed. */
    static boolean opensslHandshake(SkyrtcServer s, String versionFlag) throws Exception {
        Process p = new ProcessBuilder("openssl", "s_client", "-connect", "127.0.0.1:" + s.port(), versionFlag,
                "-cipher", "DEFAULT:@SECLEVEL=0").redirectErrorStream(true).start();
        p.getOutputStream().close();  // s_client ends after the handshake when stdin is at EOF
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out.contains("BEGIN CERTIFICATE") && !out.contains("handshake failure") && p.exitValue() == 0;
    }

    @Test
    void wssJoinWithCertbotStylePemFilesTls11RefusedAndRenewalPickedUp() throws Exception {
        Path cert = dir.resolve("fullchain.pem"), key = dir.resolve("privkey.pem");
        opensslCert(cert, key, "first");
        assertThat(Files.readString(key)).startsWith("-----BEGIN PRIVATE KEY-----");  // PKCS#8, as certbot writes
        SkyrtcServer s = fx.use(TestServers.dev(Map.of("server.tls.certFile", cert.toString(),
                "server.tls.keyFile", key.toString(), "server.tls.reloadIntervalMs", "100")));
        assertThat(s.baseUri().getScheme()).isEqualTo("https");
        assertThat(wssJoin(s, read(cert)).get("type").asText()).isEqualTo("welcome");

        assertThat(opensslHandshake(s, "-tls1_2")).as("TLS 1.2 handshake").isTrue();
        assertThat(opensslHandshake(s, "-tls1_3")).as("TLS 1.3 handshake").isTrue();
        assertThat(opensslHandshake(s, "-tls1_1")).as("TLS 1.1 handshake").isFalse();
        assertThat(opensslHandshake(s, "-tls1")).as("TLS 1.0 handshake").isFalse();

        // certbot renews in place: new files, same paths; the server picks them up without a restart
        Path newCert = dir.resolve("new-cert.pem"), newKey = dir.resolve("new-key.pem");
        opensslCert(newCert, newKey, "renewed");
        Files.move(newKey, key, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.move(newCert, cert, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(cert, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> presented(s).getSubjectX500Principal().getName().equals("CN=renewed"));
        assertThat(wssJoin(s, read(cert)).get("type").asText()).isEqualTo("welcome");
    }

    @Test
    void devTlsMakesACertificateOnceAndReusesIt() throws Exception {
        Path devDir = dir.resolve("data");
        SkyrtcServer s = TestServers.dev(Map.of("server.tls.dev", "true", "server.tls.devDir", devDir.toString()));
        X509Certificate made;
        try {
            made = read(devDir.resolve(DevCertificate.CERT));
            assertThat(wssJoin(s, made).get("type").asText()).isEqualTo("welcome");
            assertThat(presented(s)).isEqualTo(made);
        } finally {
            s.close();
        }
        SkyrtcServer again = fx.use(TestServers.dev(Map.of("server.tls.dev", "true", "server.tls.devDir",
                devDir.toString())));
        assertThat(presented(again)).as("the same certificate after a restart").isEqualTo(made);
        assertThat(DevCertificate.fingerprint(made)).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
        assertThat(made.getSubjectAlternativeNames()).extracting(l -> l.get(1).toString())
                .contains("localhost", "127.0.0.1");
        assertThat(opensslHandshake(again, "-tls1_1")).isFalse();
    }

    @Test
    void misconfigurationIsRefusedWithAMessage() throws Exception {
        assertThatThrownBy(() -> TestServers.config(Map.of("server.tls.dev", "true")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("dev mode only");
        assertThatThrownBy(() -> TestServers.config(Map.of("server.tls.certFile", "/x.pem")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("both certFile and keyFile");
        Path cert = dir.resolve("c.pem"), key = dir.resolve("k.pem");
        opensslCert(cert, key, "x");
        Files.writeString(key, "not a key\n");
        assertThatThrownBy(() -> new SkyrtcServer(TestServers.config(Map.of("server.tls.certFile", cert.toString(),
                "server.tls.keyFile", key.toString())))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("server.tls.keyFile " + key);
        assertThat(List.of(TlsContext.PROTOCOLS)).containsExactly("TLSv1.3", "TLSv1.2");
    }
}
