package io.skyrtc.signaling.cli;

import io.skyrtc.signaling.SkyrtcServer;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the signaling server, HTTP API and demo pages until SIGTERM/SIGINT. Outside --dev it needs "
                + "auth.roomTokenSecret (at least 32 bytes) and, to mint room tokens, an API key (auth.apiKeys).")
final class ServeCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Mixin
    ServeOverrides overrides;

    @Override
    public Integer call() throws Exception {
        SkyrtcServer server = new SkyrtcServer(options.loadForServing(overrides)).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "shutdown"));
        stopped.await();
        return 0;
    }
}
