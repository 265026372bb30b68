package io.skyrtc.signaling.cli;

import io.skyrtc.signaling.SkyrtcServer;
import io.skyrtc.signaling.logs.EventLineAppender;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the signaling server, HTTP API and demo pages until SIGTERM/SIGINT (which drain first, "
                + "at most server.drainTimeoutMs) or `admin drain`; SIGHUP re-reads the config (as `admin reload`). Outside --dev it needs "
                + "auth.roomTokenSecret (at least 32 bytes) and, to mint room tokens, an API key (auth.apiKeys).")
final class ServeCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Mixin
    ServeOverrides overrides;

    @Override
    public Integer call() throws Exception {
        io.skyrtc.signaling.config.SkyrtcConfig config = options.loadForServing(overrides);
        EventLineAppender.useQueueOf(config.logging().eventQueue());
        SkyrtcServer server = new SkyrtcServer(config)
                .reloadFrom(options.file(), () -> options.loadForServing(overrides));
        // before the port opens: a SIGHUP sent once the node is announced must not find the JVM's default (exit)
        HangUpSignal.onHangUp(() -> server.reload("sighup"));
        server.start();
        // SIGTERM/SIGINT drain first (bounded by server.drainTimeoutMs); `admin drain` ends here too
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.drainAndClose();
            EventLineAppender.flushAtExit(); // the event lines still queued (the last: event=drained)
        }, "shutdown"));
        server.stopped().join();
        return 0;
    }
}
