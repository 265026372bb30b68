package io.skyrtc.signaling.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * One help style for every command: an "Examples:" section, placeholders in capitals ({@code N},
 * {@code FILE}, never picocli's {@code <fieldName>}), and a description wrapped as one paragraph.
 * {@code skyrtc} in the examples stands for {@code java -jar skyrtc.jar}.
 */
final class CliHelp {
    static final String EXAMPLES_HEADING = "%nExamples:%n";
    /** Help width; every example line fits in it unwrapped (CliHelpTest checks). */
    static final int WIDTH = 110;

    private static final Map<String, List<String>> EXAMPLES = Map.ofEntries(
            Map.entry("skyrtc", List.of(
                    "skyrtc serve --dev                      # try it: http://127.0.0.1:8080",
                    "skyrtc help token agora-rtc             # help of one command",
                    "(skyrtc = java -jar signaling/target/skyrtc.jar)")),
            Map.entry("skyrtc serve", List.of(
                    "skyrtc serve --dev --port 8080",
                    "skyrtc serve --dev --tls                # https://127.0.0.1:8080, self-signed, fingerprint printed",
                    "SKYRTC_AUTH_ROOM_TOKEN_SECRET=$(openssl rand -hex 32) skyrtc serve --config skyrtc.yaml")),
            Map.entry("skyrtc config", List.of("skyrtc config print --config skyrtc.yaml", "skyrtc config keys")),
            Map.entry("skyrtc config print", List.of(
                    "skyrtc config print --config skyrtc.yaml",
                    "skyrtc config print --dev --port 9000       # what serve --dev --port 9000 runs with")),
            Map.entry("skyrtc config keys", List.of("skyrtc config keys | grep -i turn")),
            Map.entry("skyrtc apikey", List.of("skyrtc apikey new", "skyrtc apikey hash sk_KEY")),
            Map.entry("skyrtc apikey new", List.of(
                    "skyrtc apikey new 2>key.sha256 >key.txt   # key for the backend, hash for auth.apiKeys")),
            Map.entry("skyrtc apikey hash", List.of("skyrtc apikey hash sk_KEY")),
            Map.entry("skyrtc token", List.of(
                    "skyrtc token agora-rtc --app-id ID --app-cert CERT --channel lobby --uid 42 --expire 3600",
                    "skyrtc token verify TOKEN --app-cert CERT")),
            Map.entry("skyrtc token agora-rtc", List.of(
                    "skyrtc token agora-rtc --app-id ID --app-cert CERT --channel lobby --uid 42 --expire 3600",
                    "skyrtc token agora-rtc --app-id ID --app-cert CERT --channel lobby --account alice \\",
                    "    --role subscriber --expire 600 --privilege-expire 300",
                    "AGORA_APP_CERTIFICATE=CERT skyrtc token agora-rtc --app-id ID --channel 大厅 --uid 0 \\",
                    "    --expire 600 --charset utf8",
                    "skyrtc token agora-rtc --legacy --app-id ID --app-cert CERT --channel lobby --uid 42 \\",
                    "    --role attendee --expire 3600")),
            Map.entry("skyrtc token agora-rtm", List.of(
                    "skyrtc token agora-rtm --app-id ID --app-cert CERT --user alice --expire 3600")),
            Map.entry("skyrtc token tencent-usersig", List.of(
                    "skyrtc token tencent-usersig --sdkappid 1400000001 --key KEY --user alice --expire 86400")),
            Map.entry("skyrtc token tencent-privmapkey", List.of(
                    "skyrtc token tencent-privmapkey --sdkappid 1400000001 --key KEY --user alice --expire 3600 \\",
                    "    --room 7 --privileges 255")),
            Map.entry("skyrtc token verify", List.of(
                    "skyrtc token verify 007TOKEN --app-cert CERT",
                    "skyrtc token verify 006TOKEN --app-cert CERT --channel lobby --uid 42",
                    "skyrtc token verify USERSIG --sdkappid 1400000001 --key KEY --user alice")),
            Map.entry("skyrtc ice-check", List.of(
                    "skyrtc ice-check stun:turn.example.com:3478",
                    "skyrtc ice-check turn:turn.example.com:3478 --secret SECRET --probe-peer 10.0.0.1",
                    "skyrtc ice-check turn:turn.example.com:3478?transport=udp --username USER --credential PASSWORD --json")),
            Map.entry("skyrtc turn-conf", List.of(
                    "skyrtc turn-conf check --profiles docs/examples/coturn-profiles.yaml",
                    "skyrtc turn-conf render --env prod --profiles docs/examples/coturn-profiles.yaml --out turnserver.conf")),
            Map.entry("skyrtc turn-conf render", List.of(
                    "skyrtc turn-conf render --env prod --profiles docs/examples/coturn-profiles.yaml --out turnserver.conf",
                    "SKYRTC_TURN_SECRETS='[\"SECRET\"]' skyrtc turn-conf render --env dev1 --config skyrtc.yaml")),
            Map.entry("skyrtc turn-conf check", List.of(
                    "skyrtc turn-conf check --profiles docs/examples/coturn-profiles.yaml")),
            Map.entry("skyrtc turn-creds", List.of(
                    "skyrtc turn-creds --user alice --config skyrtc.yaml",
                    "skyrtc turn-creds --user alice --ttl 600 --config skyrtc.yaml")),
            Map.entry("skyrtc bench", List.of(
                    "skyrtc bench --scenario relay,latency --seconds 10",
                    "skyrtc bench --scenario join --join-rate 200 --seconds 10 --warm-up 0",
                    "skyrtc bench --client batched --scenario relay --pairs 16",
                    "skyrtc bench --pairs 16 --seconds 15 --connections 19000 --server-heap 2g",
                    "skyrtc bench --url http://127.0.0.1:8080 --scenario join   # a server started with --dev")),
            Map.entry("skyrtc bench-gate", List.of(
                    "skyrtc bench-gate --seconds 10 --rate 0",
                    "skyrtc bench-gate --seconds 10 --rate 100000")),
            Map.entry("skyrtc version", List.of("skyrtc version")),
            Map.entry("skyrtc warm-up", List.of(
                    "skyrtc warm-up --millis 5000                                       # drive it 5 s, then exit",
                    "java -XX:ArchiveClassesAtExit=skyrtc.jsa -jar skyrtc.jar warm-up   # record the AppCDS archive",
                    "java -XX:SharedArchiveFile=skyrtc.jsa -jar skyrtc.jar serve        # start from it")),
            Map.entry("skyrtc admin", List.of(
                    "skyrtc admin --key dev rooms --json          # a server started with --dev",
                    "SKYRTC_ADMIN_KEY=sk_KEY skyrtc admin --url http://10.0.0.5:8080 stat")),
            Map.entry("skyrtc admin stat", List.of("skyrtc admin --key KEY stat --top 50")),
            Map.entry("skyrtc admin rooms", List.of("skyrtc admin --key KEY rooms")),
            Map.entry("skyrtc admin room", List.of("skyrtc admin --key KEY room arena")),
            Map.entry("skyrtc admin kick", List.of("skyrtc admin --key KEY kick arena p_7Hq --reason cheating")),
            Map.entry("skyrtc admin close", List.of("skyrtc admin --key KEY close arena --reason 'match over'")),
            Map.entry("skyrtc admin send", List.of(
                    "skyrtc admin --key KEY send arena '{\"round\":2}'",
                    "skyrtc admin --key KEY send arena p_7Hq '{\"hint\":\"left\"}'")),
            Map.entry("skyrtc admin links", List.of("skyrtc admin --key KEY links")),
            Map.entry("skyrtc admin drain", List.of("skyrtc admin --key KEY drain")),
            Map.entry("skyrtc admin reload", List.of("skyrtc admin --key KEY reload",
                    "systemctl reload skyrtc   # the same by SIGHUP (deploy/skyrtc.service)")),
            Map.entry("skyrtc admin loglevel", List.of(
                    "skyrtc admin --key KEY loglevel org.eclipse.jetty DEBUG",
                    "skyrtc admin --key KEY loglevel skyrtc.events OFF")),
            Map.entry("skyrtc admin events", List.of("skyrtc admin --key KEY events arena")),
            Map.entry("skyrtc help", List.of("skyrtc help", "skyrtc help turn-conf render")));

    private CliHelp() {}

    /** Applies the style to {@code cl} and every subcommand. */
    static void install(CommandLine cl) {
        cl.setUsageHelpWidth(WIDTH);
        style(cl);
    }

    private static void style(CommandLine cl) {
        CommandSpec spec = cl.getCommandSpec();
        List<String> examples = EXAMPLES.get(spec.qualifiedName());
        if (examples != null) {
            List<String> lines = new ArrayList<>(examples.stream().map(e -> "  " + e.replace("%", "%%")).toList());
            lines.add("");
            spec.usageMessage().footerHeading(EXAMPLES_HEADING).footer(lines.toArray(String[]::new));
        }
        String[] description = spec.usageMessage().description();
        if (description.length > 1) {
            spec.usageMessage().description(String.join(" ", description));
        }
        for (OptionSpec o : new ArrayList<>(spec.options())) {
            if (o.arity().max() > 0 && o.paramLabel().startsWith("<") && o.group() == null) {
                spec.remove(o);
                spec.addOption(o.toBuilder().paramLabel(label(o)).build());
            }
        }
        cl.getSubcommands().values().forEach(CliHelp::style);
    }

    static boolean hasExamples(String qualifiedName) {
        return EXAMPLES.containsKey(qualifiedName);
    }

    private static String label(OptionSpec o) {
        Class<?> t = o.type();
        if (t == int.class || t == long.class || t == Integer.class || t == Long.class) {
            return "N";
        }
        return o.paramLabel().replaceAll("[<>]", "").replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }
}
