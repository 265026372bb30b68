package io.skyrtc.signaling.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a command to completion with a clean environment and returns its exit code and output. */
final class Processes {
    record Result(int exit, String out) {}

    private Processes() {}

    static Result run(Path dir, Map<String, String> env, List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        Map<String, String> e = pb.environment();
        String path = e.getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        e.clear();  // nothing of the caller's environment may leak into what is tested
        e.put("PATH", path + ":/usr/sbin:/usr/bin:/sbin:/bin");
        e.put("HOME", System.getProperty("java.io.tmpdir"));
        e.putAll(env);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + command);
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
