package io.skyrtc.signaling.cli;

import io.skyrtc.signaling.config.SkyrtcConfig;
import io.skyrtc.turn.coturn.CoturnConfig;
import io.skyrtc.turn.coturn.CoturnConfigException;
import io.skyrtc.turn.coturn.CoturnProfiles;
import io.skyrtc.turn.coturn.CoturnRenderer;
import io.skyrtc.turn.coturn.CoturnValidator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code skyrtc turn-conf render --env prod --out turnserver.conf} and {@code turn-conf check}. Profiles
 * come from {@code --profiles} or {@code turn.profilesFile}; REST secrets a profile leaves out come
 * from {@code turn.secrets}, so coturn checks exactly what skyrtc signs. Exit 1 = refused config.
 */
@Command(name = "turn-conf", mixinStandardHelpOptions = true, description = "Render and check coturn configs.",
        subcommands = {TurnConfCommand.Render.class, TurnConfCommand.Check.class})
final class TurnConfCommand {

    static final class Source {
        @Mixin
        ConfigOptions config;

        @Option(names = "--profiles", paramLabel = "FILE",
                description = "coturn profiles YAML (default: turn.profilesFile; example: docs/examples/coturn-profiles.yaml)")
        Path profiles;

        Map<String, CoturnConfig> load() {
            SkyrtcConfig c = config.loadOffline();
            Path file = profiles != null ? profiles : c.turn().profilesFile() != null
                    ? Path.of(c.turn().profilesFile()) : null;
            if (file == null) {
                throw new IllegalArgumentException("no coturn profiles: pass --profiles FILE or set turn.profilesFile "
                        + "(example: docs/examples/coturn-profiles.yaml)");
            }
            return CoturnProfiles.load(file).withDefaultSecrets(c.turn().secrets());
        }
    }

    @Command(name = "render", mixinStandardHelpOptions = true,
            description = "Render turnserver.conf for one environment, validated first. Prints it only on success; "
                    + "with --out it replaces FILE only on success (a failed render leaves no empty file behind).")
    static final class Render implements Callable<Integer> {
        @Mixin
        Source source;

        @Option(names = "--env", required = true, paramLabel = "NAME", description = "environment name from the profiles file")
        String env;

        @Option(names = "--out", paramLabel = "FILE", description = "write to FILE (atomically) instead of stdout")
        Path out;

        @Override
        public Integer call() {
            Map<String, CoturnConfig> all = source.load();
            if (!all.containsKey(env)) {
                System.err.println("no coturn environment '" + env + "' (have: " + String.join(", ", all.keySet()) + ")");
                return 1;
            }
            String rendered;
            try {
                rendered = CoturnRenderer.render(env, all.get(env));
            } catch (CoturnConfigException e) {
                System.err.println(e.getMessage());
                return 1;
            }
            if (out == null) {
                System.out.print(rendered);
            } else {
                writeAtomically(out, rendered);
                System.err.println("wrote " + out);
            }
            return 0;
        }
    }

    private static void writeAtomically(Path file, String text) {
        Path dir = file.toAbsolutePath().getParent();
        try {
            Path tmp = Files.createTempFile(dir, ".turnserver", ".tmp");
            try {
                Files.writeString(tmp, text);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Validate every environment, including port clashes between instances on one host.")
    static final class Check implements Callable<Integer> {
        @Mixin
        Source source;

        @Override
        public Integer call() {
            Map<String, CoturnConfig> all = source.load();
            List<String> problems = CoturnValidator.problems(all);
            if (problems.isEmpty()) {
                System.out.println("ok: " + String.join(", ", all.keySet()));
                return 0;
            }
            problems.forEach(System.err::println);
            return 1;
        }
    }
}
