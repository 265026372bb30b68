package io.skyrtc.signaling.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.skyrtc.signaling.config.ConfigLoader;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.LinkedHashMap;
import org.junit.jupiter.api.Test;

/**
 * The root Dockerfile, read instruction by instruction (continuation lines joined, comments dropped):
 * every base image pinned by tag, a multi-stage build with ./mvnw, a non-root USER before the entry
 * point, a HEALTHCHECK on /livez and a fixed heap.
 */
class DockerfileLintTest {
    record Instruction(String keyword, String args) {}

    static List<Instruction> parse(String text) {
        List<Instruction> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (current.isEmpty() && (line.isEmpty() || line.startsWith("#"))) {
                continue;
            }
            if (line.endsWith("\\")) {
                current.append(line.substring(0, line.length() - 1).strip()).append(" ");
                continue;
            }
            current.append(line);
            String whole = current.toString().strip();
            current.setLength(0);
            int space = whole.indexOf(' ');
            out.add(new Instruction(whole.substring(0, space).toUpperCase(), whole.substring(space + 1).strip()));
        }
        return out;
    }

    @Test
    void baseImagesArePinnedTheUserIsNotRootAndTheHealthCheckProbesLivez() throws Exception {
        List<Instruction> all = parse(Files.readString(RepoFiles.path("Dockerfile")));
        Set<String> known = Set.of("FROM", "RUN", "COPY", "WORKDIR", "USER", "ENV", "EXPOSE", "HEALTHCHECK",
                "ENTRYPOINT", "CMD", "ARG", "LABEL");
        Map<String, String> stages = new LinkedHashMap<>();
        for (Instruction i : all) {
            assertThat(known).as("instruction " + i.keyword()).contains(i.keyword());
            if (i.keyword().equals("FROM")) {
                String[] parts = i.args().split("\\s+");
                String image = parts[0];
                String tag = image.contains(":") ? image.substring(image.lastIndexOf(':') + 1) : "";
                assertThat(tag).as("tag of " + image).isNotEmpty().isNotEqualTo("latest").containsPattern("\\d");
                stages.put(parts.length == 3 && parts[1].equalsIgnoreCase("AS") ? parts[2] : "final", image);
            }
        }
        assertThat(stages).as("multi-stage").hasSize(2).containsKey("build");
        assertThat(stages.get("build")).contains("jdk");
        assertThat(stages.get("final")).contains("jre").contains("17");
        int lastFrom = lastIndex(all, "FROM");
        List<Instruction> runtime = all.subList(lastFrom, all.size());
        assertThat(all.subList(0, lastFrom)).anySatisfy(i -> {
            assertThat(i.keyword()).isEqualTo("RUN");
            assertThat(i.args()).contains("./mvnw");
        });

        List<Instruction> users = runtime.stream().filter(i -> i.keyword().equals("USER")).toList();
        assertThat(users).as("USER in the final stage").isNotEmpty();
        String user = users.get(users.size() - 1).args().split(":")[0];
        assertThat(user).isNotIn("root", "0");
        assertThat(lastIndex(runtime, "USER")).as("USER before ENTRYPOINT").isLessThan(lastIndex(runtime, "ENTRYPOINT"));

        List<Instruction> checks = runtime.stream().filter(i -> i.keyword().equals("HEALTHCHECK")).toList();
        assertThat(checks).hasSize(1);
        assertThat(checks.get(0).args()).contains("CMD").contains("/livez").doesNotContain("NONE");

        // skyrtc refuses to start on a SKYRTC_* variable that is not a config key
        for (Instruction env : runtime.stream().filter(i -> i.keyword().equals("ENV")).toList()) {
            for (String pair : env.args().split("\\s+")) {
                String name = pair.substring(0, pair.indexOf('='));
                if (name.startsWith("SKYRTC_")) {
                    assertThat(ConfigLoader.envNames().values()).as("ENV " + name).contains(name);
                }
            }
        }
        String entry = runtime.get(lastIndex(runtime, "ENTRYPOINT")).args();
        assertThat(entry).contains("-Xms${JAVA_HEAP}").contains("-Xmx${JAVA_HEAP}").contains("exec java");
    }

    @Test
    void theParserJoinsContinuationsAndSeesAnUnpinnedImage() {
        List<Instruction> p = parse("# c\nFROM debian AS build\nRUN a \\\n  b\nUSER root\n");
        assertThat(p).extracting(Instruction::keyword).containsExactly("FROM", "RUN", "USER");
        assertThat(p.get(1).args()).isEqualTo("a b");
        assertThat(p.get(0).args()).doesNotContain(":");
    }

    private static int lastIndex(List<Instruction> list, String keyword) {
        for (int i = list.size() - 1; i >= 0; i--) {
            if (list.get(i).keyword().equals(keyword)) {
                return i;
            }
        }
        return -1;
    }
}
