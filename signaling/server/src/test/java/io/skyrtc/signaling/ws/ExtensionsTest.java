package io.skyrtc.signaling.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.skyrtc.signaling.SkyrtcServer;
import io.skyrtc.signaling.testing.ServerFixture;
import io.skyrtc.signaling.testing.TestServers;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A browser's permessage-deflate offer is declined (docs/PROTOCOL.md, connection life cycle). */
class ExtensionsTest {
    @RegisterExtension
    final ServerFixture fx = new ServerFixture();

    @Test
    void aBrowsersDeflateOfferGetsNoExtensionAndUncompressedFrames() throws Exception {
        SkyrtcServer server = fx.use(TestServers.dev(Map.of()));
        int port = server.baseUri().getPort();
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nOrigin: http://127.0.0.1:" + port + "\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            String head = readHead(in);
            assertThat(head).startsWith("HTTP/1.1 101");
            assertThat(head.toLowerCase()).doesNotContain("sec-websocket-extensions");
            byte[] join = "{\"type\":\"join\",\"room\":\"deflate\"}".getBytes(StandardCharsets.UTF_8);
            byte[] frame = new byte[6 + join.length];
            frame[0] = (byte) 0x81;
            frame[1] = (byte) (0x80 | join.length);
            // mask key 0: the payload goes as is
            System.arraycopy(join, 0, frame, 6, join.length);
            s.getOutputStream().write(frame);
            int b0 = in.read();
            assertThat(b0 & 0x40).as("RSV1 (compressed) clear on the welcome").isZero();
            assertThat(b0 & 0x0F).isEqualTo(1);
            int len = in.read() & 0x7F;
            if (len == 126) {
                len = (in.read() << 8) | in.read();
            }
            assertThat(new String(in.readNBytes(len), StandardCharsets.UTF_8)).startsWith("{\"type\":\"welcome\"");
        }
    }

    private static String readHead(InputStream in) throws Exception {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            head.write(c);
            matched = (c == "\r\n\r\n".charAt(matched)) ? matched + 1 : (c == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }
}
