package io.skyrtc.signaling.cli;

import io.skyrtc.signaling.config.SkyrtcConfig;
import io.skyrtc.turn.coturn.CoturnConfig;
import io.skyrtc.turn.coturn.CoturnConfigException;
import io.skyrtc.turn.coturn.CoturnProfiles;
import io.skyrtc.turn.coturn.CoturnRenderer;
import io.skyrtc.turn.coturn.CoturnValidator;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code skyrtc turn-conf render --env prod > turnserver.conf} and {@code turn-conf check}. Profiles
 * come from {@code --profiles} or {@code turn.profilesFile}; REST secrets a profile leaves out come
 * from {@code turn.secrets}, so coturn checks exactly what skyrtc signs. Exit 1 = refused config.
 */
@Command(name = "turn-conf", mixinStandardHelpOptions = true, description = "Render and check coturn configs.",
        subcommands = {TurnConfCommand.Render.class, TurnConfCommand.Check.class})
final class TurnConfCommand {

    static final class Source {
        @Mixin
        ConfigOptions config;

        @Option(names = "--profiles", paramLabel = "FILE", description = "coturn profiles (default: turn.profilesFile)")
        Path profiles;

        Map<String, CoturnConfig> load() {
            SkyrtcConfig c = config.load();
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
            description = "Print turnserver.conf for one environment (validated first).")
    static final class Render implements Callable<Integer> {
        @Mixin
        Source source;

        @Option(names = "--env", required = true, description = "environment name from the profiles file")
        String env;

        @Override
        public Integer call() {
            Map<String, CoturnConfig> all = source.load();
            if (!all.containsKey(env)) {
                System.err.println("no coturn environment '" + env + "' (have: " + String.join(", ", all.keySet()) + ")");
                return 1;
            }
            try {
                System.out.print(CoturnRenderer.render(env, all.get(env)));
                return 0;
            } catch (CoturnConfigException e) {
                System.err.println(e.getMessage());
                return 1;
            }
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
