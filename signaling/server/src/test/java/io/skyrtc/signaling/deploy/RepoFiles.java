package io.skyrtc.signaling.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** Files at the repository root (Dockerfile, compose/, deploy/), found from the module's directory. */
public final class RepoFiles {
    private RepoFiles() {}

    public static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("repository root (with mvnw) not found above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    public static Path path(String relative) {
        return root().resolve(relative);
    }
}
