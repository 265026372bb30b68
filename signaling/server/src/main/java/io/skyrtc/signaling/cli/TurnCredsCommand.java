package io.skyrtc.signaling.cli;

import io.skyrtc.signaling.config.SkyrtcConfig;
import io.skyrtc.turn.IceServers;
import io.skyrtc.turn.TurnRestCredentials;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code skyrtc turn-creds --user alice}: TURN REST credentials from turn.secrets, as JSON. */
@Command(name = "turn-creds", mixinStandardHelpOptions = true,
        description = "Mint TURN REST credentials (turn.secrets) for a user; prints iceServers and the REST shape.")
final class TurnCredsCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions config;

    @Option(names = "--user", required = true, paramLabel = "USER", description = "user part of the username (no ':')")
    String user;

    @Option(names = "--ttl", paramLabel = "SECONDS", description = "lifetime in seconds (default: turn.ttlSeconds, max 86400)")
    Long ttlSeconds;

    record Reply(List<IceServers.RtcIceServer> iceServers, IceServers.RestResponse rest) {}

    @Override
    public Integer call() {
        SkyrtcConfig.Turn t = config.loadOffline().turn();
        if (t.secrets().isEmpty()) {
            throw new IllegalArgumentException("turn.secrets is empty: nothing to sign with");
        }
        long ttl = ttlSeconds == null ? t.ttlSeconds() : ttlSeconds;
        Clock clock = Clock.systemUTC();
        TurnRestCredentials.Credential c = new TurnRestCredentials(t.secrets(), clock).issue(user, Duration.ofSeconds(ttl));
        List<String> urls = t.urls();
        System.out.println(CliJson.write(new Reply(List.of(IceServers.rtc(urls, c)),
                IceServers.rest(urls, c, clock.instant()))));
        return 0;
    }
}
