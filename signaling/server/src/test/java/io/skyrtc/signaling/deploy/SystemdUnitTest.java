package io.skyrtc.signaling.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.skyrtc.turn.testing.SystemPackages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** deploy/skyrtc.service: the JVM in the foreground, restarted on failure, enough descriptors, fixed heap. */
class SystemdUnitTest {
    @TempDir
    Path dir;

    @Test
    void unitRunsTheJarInTheForegroundWithRestartAndFileLimits() throws Exception {
        Map<String, String> service = serviceSection();
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

    /** README "Without nginx" sets SKYRTC_SERVER_PORT=443: the non-root user may bind it, and nothing more. */
    @Test
    void theNonRootUserMayBindPort443AndHoldsNoOtherCapability() throws Exception {
        Map<String, String> service = serviceSection();
        assertThat(service.get("User")).isNotEqualTo("root");
        assertThat(service.get("AmbientCapabilities")).isEqualTo("CAP_NET_BIND_SERVICE");
        assertThat(service.get("CapabilityBoundingSet")).isEqualTo("CAP_NET_BIND_SERVICE");
    }

    /** systemd's own parser reads the unit without a complaint (a misspelt key is only a warning to systemd). */
    @Test
    void systemdAnalyzeVerifiesTheUnitWithoutAWarning() throws Exception {
        Path analyze = SystemPackages.require("systemd-analyze", "systemd");
        // the one machine-specific path: the java this test runs on stands in for /usr/bin/java
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String unit = Files.readString(RepoFiles.path("deploy/skyrtc.service"));
        assertThat(unit).contains("ExecStart=/usr/bin/java ");
        Path copy = dir.resolve("skyrtc.service");
        Files.writeString(copy, unit.replace("ExecStart=/usr/bin/java ", "ExecStart=" + java + " "));
        Processes.Result verified = Processes.run(dir, Map.of(), List.of(analyze.toString(), "verify", copy.toString()));
        assertThat(verified.exit()).as(verified.out()).isZero();
        assertThat(verified.out()).as("systemd-analyze verify").isBlank();
    }

    private static Map<String, String> serviceSection() throws Exception {
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
                assertThat(service.put(line.substring(0, eq), line.substring(eq + 1))).as("set once: " + line).isNull();
            }
        }
        return service;
    }
}
