package io.skyrtc.signaling.tls;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.skyrtc.signaling.config.ConfigLoader;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code skyrtc serve --dev --tls} run as the CLI, in a process of its own: it prints the certificate's
 * SHA-256 fingerprint and its start-up banner names the demo, probe and metrics URLs, each of which answers
 * over https, and a client that trusts only that certificate joins over wss.
 */
class DevTlsServeTest {
    static final Pattern FINGERPRINT = Pattern.compile(".*SHA-256 fingerprint (([0-9A-F]{2}:){31}[0-9A-F]{2}).*");
    static final Pattern BANNER = Pattern.compile(".* - demo (.*)");
    static final Pattern URL = Pattern.compile("https://[^\\s,]+");

    @TempDir
    Path dir;

    static String classpath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    @Test
    void serveDevTlsPrintsTheFingerprintAndTheUrlsAndServesWss() throws Exception {
        Path devDir = dir.resolve("tls");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", classpath(),
                "io.skyrtc.signaling.cli.SkyrtcCli", "serve", "--dev", "--tls", "--port", "0").redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("SKYRTC_"));
        pb.environment().put(ConfigLoader.envName("server.tls.devDir"), devDir.toString());
        pb.environment().put(ConfigLoader.envName("server.warmUpMs"), "0");
        Process p = pb.start();
        List<String> out = new ArrayList<>();
        CompletableFuture<String> fingerprint = new CompletableFuture<>();
        CompletableFuture<String> banner = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    synchronized (out) {
                        out.add(line);
                    }
                    Matcher f = FINGERPRINT.matcher(line);
                    if (f.matches()) {
                        fingerprint.complete(f.group(1));
                    }
                    Matcher b = BANNER.matcher(line);
                    if (b.matches()) {
                        banner.complete(b.group(1));
                    }
                }
                banner.completeExceptionally(new AssertionError("no banner line: " + String.join("\n", out)));
            } catch (Exception e) {
                banner.completeExceptionally(e);
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            String urls = banner.get(60, TimeUnit.SECONDS);
            assertThat(fingerprint).as("the fingerprint is printed before the banner").isDone();
            X509Certificate cert = TlsTest.read(devDir.resolve(DevCertificate.CERT));
            String sha256 = HexFormat.ofDelimiter(":").withUpperCase()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
            assertThat(fingerprint.get()).as("the printed fingerprint is the certificate's").isEqualTo(sha256);

            // demo, liveness, readiness and metrics, in that order, every one served over https
            Map<String, URI> named = new LinkedHashMap<>();
            Matcher m = URL.matcher(urls);
            while (m.find()) {
                URI u = URI.create(m.group());
                named.put(u.getPath(), u);
            }
            assertThat(named.keySet()).containsExactly("/", "/livez", "/readyz", "/metrics");
            URI base = named.get("/").resolve("/");
            assertThat(named.values()).allSatisfy(u -> assertThat(u.resolve("/")).isEqualTo(base));
            HttpClient https = HttpClient.newBuilder().sslContext(TlsTest.trusting(cert))
                    .connectTimeout(Duration.ofSeconds(20)).build();
            Map<String, String> bodies = new LinkedHashMap<>();
            for (URI u : named.values()) {
                HttpResponse<String> r = https.send(HttpRequest.newBuilder(u).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(u + ": " + r.body()).isEqualTo(200);
                bodies.put(u.getPath(), r.body());
            }
            assertThat(bodies.get("/")).containsIgnoringCase("<html");
            assertThat(bodies.get("/livez")).contains("alive");
            assertThat(bodies.get("/readyz")).contains("ready");
            assertThat(bodies.get("/metrics")).contains("skyrtc_rooms");

            JsonNode welcome = TlsTest.wssJoin(base, cert);
            assertThat(welcome.get("type").asText()).as(welcome.toString()).isEqualTo("welcome");
        } finally {
            p.toHandle().destroy();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }
}
