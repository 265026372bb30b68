package io.skyrtc.signaling;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code config.watch}: watches the config file's directory (editors replace files, Kubernetes swaps a
 * symlink) and, once nothing has changed there for the debounce time, calls back if the file's content
 * differs from the last content seen. Several quick writes make one reload; a touch without change none.
 */
final class ConfigFileWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigFileWatcher.class);

    private final Path file;
    private final long debounceMs;
    private final Runnable onChange;
    private final WatchService watch;
    private final ScheduledExecutorService timer;
    private final Thread reader;
    private ScheduledFuture<?> pending;
    private byte[] lastSeen;

    ConfigFileWatcher(Path file, long debounceMs, Runnable onChange) throws IOException {
        this.file = file.toAbsolutePath();
        this.debounceMs = debounceMs;
        this.onChange = onChange;
        this.lastSeen = digest();
        this.watch = FileSystems.getDefault().newWatchService();
        this.file.getParent().register(watch, StandardWatchEventKinds.ENTRY_CREATE,
                StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "config-watch-debounce"));
        this.reader = daemon(this::run, "config-watch");
        reader.start();
        LOG.info("config.watch: watching {} (debounce {} ms)", this.file, debounceMs);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private void run() {
        try {
            while (true) {
                WatchKey key = watch.take();
                key.pollEvents();
                schedule();
                if (!key.reset()) {
                    LOG.warn("config.watch: {} is no longer watchable", file.getParent());
                    return;
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed
        }
    }

    private synchronized void schedule() {
        if (pending != null) {
            pending.cancel(false);
        }
        pending = timer.schedule(this::settled, debounceMs, TimeUnit.MILLISECONDS);
    }

    private void settled() {
        byte[] now = digest();
        if (now == null || Arrays.equals(now, lastSeen)) {
            return;
        }
        lastSeen = now;
        try {
            onChange.run();
        } catch (RuntimeException e) {
            LOG.warn("config.watch: reload failed: {}", e.toString());
        }
    }

    /** The file's SHA-256, or null while it is missing (mid-replace). */
    private byte[] digest() {
        try {
            return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
        } catch (IOException e) {
            return null;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            watch.close();
        } catch (IOException e) {
            LOG.debug("config.watch: close: {}", e.toString());
        }
        timer.shutdownNow();
        reader.interrupt();
    }
}
