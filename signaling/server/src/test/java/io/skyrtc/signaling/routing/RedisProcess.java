package io.skyrtc.signaling.routing;

import io.skyrtc.turn.testing.SystemPackages;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Redis (Debian's redis-server, installed when missing) on a free loopback port, without
 * persistence: stopping it loses every key, as a restarted cache would.
 */
public final class RedisProcess implements AutoCloseable {
    private final Path binary;
    private final Path dir;
    public final int port;
    private final List<String> extraArgs;
    private Process process;

    public RedisProcess() throws IOException {
        this(List.of());
    }

    /**
     * With more redis-server options. {@code --cluster-enabled yes} also binds port + 10000 (the cluster
     * bus): the port is then chosen so that both are free.
     */
    public RedisProcess(List<String> extraArgs) throws IOException {
        this.binary = SystemPackages.require("redis-server", "redis-server");
        this.dir = Files.createTempDirectory("skyrtc-redis");
        this.extraArgs = List.copyOf(extraArgs);
        this.port = extraArgs.contains("--cluster-enabled") ? freePortWithBus() : freePort();
        start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static int freePortWithBus() throws IOException {
        for (int tries = 0; tries < 200; tries++) {
            int p = freePort();
            if (p + 10000 > 65535) {
                continue;
            }
            try (ServerSocket bus = new ServerSocket(p + 10000)) {
                return p;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no free port with a free cluster bus port");
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public synchronized void start() throws IOException {
        List<String> cmd = new ArrayList<>(List.of(binary.toString(), "--port", Integer.toString(port), "--bind",
                "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--daemonize", "no"));
        cmd.addAll(extraArgs);
        process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                s.getOutputStream().write("PING\r\n".getBytes());
                byte[] b = new byte[7];
                if (s.getInputStream().read(b) > 0 && new String(b).startsWith("+PONG")) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
        throw new IOException("redis-server did not start on port " + port + ": " + Files.readString(dir.resolve("redis.log")));
    }

    /** kill -9: every key is gone. */
    public synchronized void stop() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            process = null;
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
