package io.skyrtc.turn.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Test tools from Debian packages (coturn, lua, chromium...). A missing tool is installed with
 * apt-get when the tests run as root, as the README's test command promises; otherwise the test fails
 * with the command to run. Nothing is skipped.
 */
public final class SystemPackages {
    private SystemPackages() {}

    /** The path of {@code executable}, installing Debian package {@code pkg} first when needed. */
    public static synchronized Path require(String executable, String pkg) {
        Path found = which(executable);
        if (found != null) {
            return found;
        }
        install(pkg);
        found = which(executable);
        if (found == null) {
            throw new IllegalStateException(executable + " still missing after installing " + pkg);
        }
        return found;
    }

    /** Makes sure {@code file} exists (a library, not an executable), installing {@code pkg} when needed. */
    public static synchronized void requireFile(Path file, String pkg) {
        if (Files.exists(file)) {
            return;
        }
        install(pkg);
        if (!Files.exists(file)) {
            throw new IllegalStateException(file + " still missing after installing " + pkg);
        }
    }

    private static void install(String pkg) {
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new IllegalStateException("tests need Debian package " + pkg + ": run  sudo apt-get install -y "
                    + pkg);
        }
        run("apt-get", "install", "-y", "-q", pkg);
    }

    private static void run(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                // the package lists may be stale on a fresh machine: refresh once and retry
                Process update = new ProcessBuilder("apt-get", "update", "-q").redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                update.waitFor(10, TimeUnit.MINUTES);
                Process retry = new ProcessBuilder(cmd).redirectErrorStream(true).inheritIO().start();
                if (!retry.waitFor(10, TimeUnit.MINUTES) || retry.exitValue() != 0) {
                    throw new IllegalStateException("failed: " + String.join(" ", cmd));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", cmd) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + String.join(" ", cmd), e);
        }
    }

    static Path which(String executable) {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin:/usr/bin:/sbin:/bin";
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, executable);
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }
}
