package io.skyrtc.signaling.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.skyrtc.turn.testing.SystemPackages;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Debian's real nginx (installed when missing) in the foreground, serving one conf.d-style site file from
 * a scratch directory, with a certificate for 127.0.0.1 made by openssl.
 */
final class RealNginx implements AutoCloseable {
    /** A PEM certificate chain and its key, as certbot's live/ files. */
    record Pem(Path cert, Path key) {}

    private final Process process;

    private RealNginx(Process process) {
        this.process = process;
    }

    /** A self-signed certificate for 127.0.0.1, valid one day. */
    static Pem loopbackCertificate(Path dir) throws Exception {
        Path openssl = SystemPackages.require("openssl", "openssl");
        Pem pem = new Pem(dir.resolve("fullchain.pem"), dir.resolve("privkey.pem"));
        Processes.Result made = Processes.run(dir, Map.of(), List.of(openssl.toString(), "req", "-x509", "-newkey",
                "rsa:2048", "-nodes", "-keyout", pem.key().toString(), "-out", pem.cert().toString(), "-days", "1",
                "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"));
        assertThat(made.exit()).as(made.out()).isZero();
        return pem;
    }

    /** Checks the configuration with {@code nginx -t}, starts nginx and waits until {@code port} accepts. */
    static RealNginx start(Path dir, String site, int port) throws Exception {
        Path bin = SystemPackages.require("nginx", "nginx");
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.writeString(dir.resolve("skyrtc.conf"), site);
        Files.writeString(dir.resolve("nginx.conf"), String.join("\n",
                "daemon off;", "worker_processes 1;", "pid " + dir.resolve("nginx.pid") + ";",
                "error_log " + dir.resolve("error.log") + " info;", "events { worker_connections 64; }",
                "http {", "  access_log " + dir.resolve("access.log") + ";",
                "  client_body_temp_path " + tmp.resolve("body") + ";", "  proxy_temp_path " + tmp.resolve("proxy") + ";",
                "  fastcgi_temp_path " + tmp.resolve("fastcgi") + ";", "  uwsgi_temp_path " + tmp.resolve("uwsgi") + ";",
                "  scgi_temp_path " + tmp.resolve("scgi") + ";", "  include " + dir.resolve("skyrtc.conf") + ";", "}", ""));
        List<String> base = List.of(bin.toString(), "-p", dir.toString(), "-e", dir.resolve("error.log").toString(),
                "-c", dir.resolve("nginx.conf").toString());
        List<String> test = new ArrayList<>(base);
        test.add("-t");
        Processes.Result check = Processes.run(dir, Map.of(), test);
        assertThat(check.exit()).as("nginx -t: " + check.out()).isZero();
        RealNginx nginx = new RealNginx(new ProcessBuilder(base).redirectErrorStream(true)
                .redirectOutput(dir.resolve("nginx.out").toFile()).start());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try (Socket probe = new Socket("127.0.0.1", port)) {
                return nginx;
            } catch (java.io.IOException notYet) {
                if (!nginx.process.isAlive() || System.nanoTime() > deadline) {
                    nginx.close();
                    throw new AssertionError("nginx did not start: " + Files.readString(dir.resolve("error.log")));
                }
                Thread.sleep(50);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
