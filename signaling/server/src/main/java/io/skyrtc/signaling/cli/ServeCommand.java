package io.skyrtc.signaling.cli;

import io.skyrtc.signaling.SkyrtcServer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the signaling server, HTTP API and demo pages until SIGTERM/SIGINT (which drain first, "
                + "at most server.drainTimeoutMs) or `admin drain`. Outside --dev it needs "
                + "auth.roomTokenSecret (at least 32 bytes) and, to mint room tokens, an API key (auth.apiKeys).")
final class ServeCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Mixin
    ServeOverrides overrides;

    @Override
    public Integer call() throws Exception {
        SkyrtcServer server = new SkyrtcServer(options.loadForServing(overrides)).start();
        // SIGTERM/SIGINT drain first (bounded by server.drainTimeoutMs); `admin drain` ends here too
        Runtime.getRuntime().addShutdownHook(new Thread(server::drainAndClose, "shutdown"));
        server.stopped().join();
        return 0;
    }
}
