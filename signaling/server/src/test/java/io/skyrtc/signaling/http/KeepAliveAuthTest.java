package io.skyrtc.signaling.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.skyrtc.signaling.SkyrtcServer;
import io.skyrtc.signaling.auth.ApiKeys;
import io.skyrtc.signaling.testing.ServerFixture;
import io.skyrtc.signaling.testing.TestServers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Several requests on one raw keep-alive connection, as a client library or a proxy sends them. */
class KeepAliveAuthTest {
    private static final String KEY = "adminkey-AAAA";
    @RegisterExtension
    final ServerFixture fx = new ServerFixture();

    /** A raw response: status, headers (names lower case) and body. */
    record Reply(int status, Map<String, String> headers, String body) {}

    @Test
    void keysDifferingOnlyInCaseAreDifferentKeysOnOneConnection() throws Exception {
        SkyrtcServer server = fx.use(TestServers.start(Map.of("auth.apiKeys",
                "[{\"name\":\"ops\",\"sha256\":\"" + ApiKeys.sha256Hex(KEY) + "\"}]")));
        try (Socket s = new Socket("127.0.0.1", server.baseUri().getPort())) {
            s.setSoTimeout(10_000);
            assertThat(request(s, KEY).status()).isEqualTo(200);
            assertThat(request(s, "ADMINKEY-aaaa").status()).isEqualTo(401);
            assertThat(request(s, "adminkey-aaaa").status()).isEqualTo(401);
            assertThat(request(s, KEY).status()).isEqualTo(200);
        }
    }

    @Test
    void noServerVersionIsDisclosed() throws Exception {
        SkyrtcServer server = fx.use(TestServers.start(Map.of()));
        try (Socket s = new Socket("127.0.0.1", server.baseUri().getPort())) {
            s.setSoTimeout(10_000);
            Reply r = request(s, "GET", "/healthz", null, "");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.headers()).doesNotContainKey("server").doesNotContainKey("x-powered-by");
        }
    }

    private static Reply request(Socket s, String key) throws IOException {
        return request(s, "POST", "/v1/tokens/room", key, "{\"room\":\"r1\",\"identity\":\"alice\"}");
    }

    private static Reply request(Socket s, String method, String path, String key, String body) throws IOException {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        String head = method + " " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                + (key == null ? "" : "Authorization: Bearer " + key + "\r\n")
                + (content.length == 0 ? "" : "Content-Type: application/json\r\nContent-Length: " + content.length + "\r\n")
                + "\r\n";
        OutputStream out = s.getOutputStream();
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(content);
        out.flush();
        InputStream in = s.getInputStream();
        String status = line(in);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String h = line(in); !h.isEmpty(); h = line(in)) {
            int colon = h.indexOf(':');
            headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
        }
        byte[] reply = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
        return new Reply(Integer.parseInt(status.split(" ")[1]), headers, new String(reply, StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed");
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.US_ASCII);
    }
}
