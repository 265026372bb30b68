package io.skyrtc.signaling.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** deploy/skyrtc.service: the JVM in the foreground, restarted on failure, enough descriptors, fixed heap. */
class SystemdUnitTest {
    @Test
    void unitRunsTheJarInTheForegroundWithRestartAndFileLimits() throws Exception {
        Map<String, String> service = new HashMap<>();
        String section = "";
        for (String raw : Files.readAllLines(RepoFiles.path("deploy/skyrtc.service"))) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[")) {
                section = line;
                continue;
            }
            int eq = line.indexOf('=');
            assertThat(eq).as("key=value: " + line).isPositive();
            if (section.equals("[Service]")) {
                service.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        assertThat(service.get("Type")).isIn("simple", "exec");
        assertThat(service.get("Restart")).isEqualTo("on-failure");
        assertThat(Long.parseLong(service.get("LimitNOFILE"))).isGreaterThanOrEqualTo(65536);
        assertThat(service.get("User")).isNotEqualTo("root");
        String exec = service.get("ExecStart");
        assertThat(exec).contains("-jar").endsWith(" serve").doesNotContain("&").doesNotContain("nohup");
        String xms = exec.replaceAll(".*-Xms(\\S+).*", "$1");
        String xmx = exec.replaceAll(".*-Xmx(\\S+).*", "$1");
        assertThat(xms).isEqualTo(xmx);
    }
}
