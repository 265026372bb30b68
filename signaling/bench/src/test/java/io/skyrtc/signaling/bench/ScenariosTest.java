package io.skyrtc.signaling.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.skyrtc.signaling.SkyrtcServer;
import io.skyrtc.signaling.testing.ServerFixture;
import io.skyrtc.signaling.testing.TestServers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The load generator speaks the protocol correctly: every scenario, tiny, against a real server.
 * Nothing here is about speed; the figures only have to be there and add up.
 */
class ScenariosTest {
    @RegisterExtension
    final ServerFixture fx = new ServerFixture();

    private static long number(String out, String regex) {
        Matcher m = Pattern.compile(regex).matcher(out);
        assertThat(m.find()).as("%s in%n%s", regex, out).isTrue();
        return Long.parseLong(m.group(1).replace(",", ""));
    }

    @Test
    void everyScenarioRunsAndReportsConsistentFigures() throws Exception {
        SkyrtcServer server = fx.use(TestServers.dev(Map.of("limits.ratePerSecond", "100000",
                "limits.rateBurst", "100000", "limits.outboundQueueMax", "100000",
                "limits.outboundQueueMaxBytes", "1000000000", "limits.maxConnectionsPerIp", "100000")));
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        try (Scenarios sc = new Scenarios(server.baseUri(), out, 1, System::gc, null, ClientMode.BATCHED, 1000)) {
            new PairScenarios(sc).relay(2, 1, 300, 4);
            new PairScenarios(sc).latency(2, 500, 1, 300);
            sc.join(40, 1);
            sc.idle(64);
        }
        String text = buf.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("batched clients: generator-friendly upper bound");

        long relayed = number(text, "relayed ([\\d,]+) msgs");
        long received = number(text, "received by clients: ([\\d,]+)");
        assertThat(relayed).isPositive();
        // server and clients are sampled a few ms apart (an HTTP call), so the counts differ a little
        assertThat((double) received).isBetween(relayed * 0.8, relayed * 1.2);
        assertThat(number(text, "\\(n=([\\d,]+)\\)")).as("latency samples").isBetween(300L, 700L);
        // Linux reports steal; the quiet-slice line only appears when some tenth had none
        assertThat(text).containsPattern("host steal \\d+% of CPU time");
        Matcher quiet = Pattern.compile("in the (\\d+) of (\\d+) tenths .*\\(n=([\\d,]+)\\)").matcher(text);
        if (quiet.find()) {
            assertThat(Integer.parseInt(quiet.group(2))).isEqualTo(10);
            assertThat(Integer.parseInt(quiet.group(1))).isBetween(1, 10);
            assertThat(Long.parseLong(quiet.group(3).replace(",", "")))
                    .isLessThanOrEqualTo(number(text, "\\(n=([\\d,]+)\\)"));
        }
        assertThat(text).contains("40 joins at 40/s").doesNotContain("NOT ALL WELCOMED");
        assertThat(text).containsPattern("server CPU \\d+ µs/join");
        // the hiccup meter reports for both paced scenarios, p99 never above max
        Matcher platform = Pattern.compile("woke late by p99 ([\\d.]+) ms, max ([\\d.]+) ms").matcher(text);
        for (int i = 0; i < 2; i++) {
            assertThat(platform.find()).as("platform line %d in%n%s", i, text).isTrue();
            assertThat(Double.parseDouble(platform.group(1))).isLessThanOrEqualTo(Double.parseDouble(platform.group(2)));
        }
        assertThat(number(text, "server sees ([\\d,]+)\\)")).isEqualTo(64);
        // with a collector the idle cost is split into the live heap's part and the rest of RSS
        Matcher idle = Pattern.compile("(-?[\\d,]+) bytes/connection = live heap (-?[\\d,]+) \\+ RSS outside the heap "
                + "(-?[\\d,]+)").matcher(text);
        assertThat(idle.find()).as("idle split in%n%s", text).isTrue();
        long total = Long.parseLong(idle.group(1).replace(",", ""));
        long parts = Long.parseLong(idle.group(2).replace(",", "")) + Long.parseLong(idle.group(3).replace(",", ""));
        assertThat(total).isBetween(parts - 1, parts + 1);
        assertThat(text).doesNotContain("FAILURES");
        assertEveryScenarioLostNothing(text, 4);
    }

    /** Each scenario's "sent N, received M, 0 lost" line is there, and its numbers agree with it. */
    private static void assertEveryScenarioLostNothing(String text, int scenarios) {
        Matcher m = Pattern.compile("sent ([\\d,]+), received ([\\d,]+), (\\S+) (lost|LOST)").matcher(text);
        for (int i = 0; i < scenarios; i++) {
            assertThat(m.find()).as("delivery line %d in%n%s", i, text).isTrue();
            long sent = Long.parseLong(m.group(1).replace(",", ""));
            assertThat(sent).isPositive();
            assertThat(m.group(2)).isEqualTo(m.group(1));
            assertThat(m.group(3)).isEqualTo("0");
        }
        assertThat(m.find()).as("one delivery line per scenario in%n%s", text).isFalse();
    }

    /** Realistic clients (one message per write, browser upgrade, a new connection per join) give the same figures. */
    @Test
    void realisticClientsRunEveryPacedScenario() throws Exception {
        SkyrtcServer server = fx.use(TestServers.dev(Map.of("limits.ratePerSecond", "100000",
                "limits.rateBurst", "100000", "limits.maxConnectionsPerIp", "100000")));
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        try (Scenarios sc = new Scenarios(server.baseUri(), out, 1, System::gc, null, ClientMode.REALISTIC, 0)) {
            new PairScenarios(sc).relay(2, 1, 300, 2);
            new PairScenarios(sc).latency(2, 300, 1, 300);
            sc.join(40, 1);
        }
        String text = buf.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("realistic clients: one message per write");
        assertThat(number(text, "relayed ([\\d,]+) msgs")).isPositive();
        assertThat(number(text, "\\(n=([\\d,]+)\\)")).as("latency samples").isBetween(150L, 450L);
        assertThat(text).contains("each a new connection with a browser's upgrade): 40 joins at 40/s (after 0 warm-up")
                .contains("of which connect->101").doesNotContain("NOT ALL WELCOMED").doesNotContain("FAILED")
                .doesNotContain("FAILURES");
        assertEveryScenarioLostNothing(text, 3);
    }
}
