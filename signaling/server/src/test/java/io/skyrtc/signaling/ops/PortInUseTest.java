package io.skyrtc.signaling.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A taken port is one line saying so and how to pick another, exit code 2, no stack trace. */
class PortInUseTest {

    @Test
    void aTakenPortIsOneClearLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            ProcessBuilder pb = new ProcessBuilder("java", "-cp", io.skyrtc.signaling.testing.ServeProcess.classpath(),
                    "io.skyrtc.signaling.cli.SkyrtcCli", "serve", "--dev", "--port", Integer.toString(port))
                    .redirectErrorStream(true);
            pb.environment().keySet().removeIf(k -> k.startsWith("SKYRTC_"));
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(out).isEqualTo(2);
            assertThat(out).contains("port " + port + " on 127.0.0.1 is already in use")
                    .contains("--port N").contains("SKYRTC_SERVER_PORT")
                    .doesNotContain("\tat ").doesNotContain("Exception");
        }
    }
}
