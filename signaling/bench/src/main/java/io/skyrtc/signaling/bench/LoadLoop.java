package io.skyrtc.signaling.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One load-generator thread: a selector over many client WebSockets. Each turn it reads every ready
 * socket, lets the listeners react, then writes what they queued, one write per connection.
 */
final class LoadLoop implements AutoCloseable {
    private static final int BUFFER_BYTES = 256 * 1024;

    private final ClientMode mode;
    private final Selector selector;
    private final Thread thread;
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(BUFFER_BYTES);
    private final ByteBuffer writeBuffer = ByteBuffer.allocateDirect(BUFFER_BYTES);
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<LoadConnection> woken = new ConcurrentLinkedQueue<>();
    private final List<LoadConnection> dirty = new ArrayList<>();
    private final List<LoadConnection> all = new ArrayList<>();
    final AtomicLong failures = new AtomicLong();
    private volatile boolean running = true;
    private volatile String lastFailure;

    LoadLoop(String name, ClientMode mode) throws IOException {
        this.mode = mode;
        this.selector = Selector.open();
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Opens a WebSocket to {@code ws}; completes once the server answered 101. */
    CompletableFuture<LoadConnection> connect(URI ws, LoadConnection.Listener listener) {
        CompletableFuture<LoadConnection> result = new CompletableFuture<>();
        execute(() -> {
            try {
                SocketChannel ch = SocketChannel.open();
                ch.configureBlocking(false);
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                LoadConnection c = new LoadConnection(this, ch, ws.getHost() + ":" + ws.getPort(), ws.getPath(),
                        listener, mode);
                c.opened.whenComplete((ok, t) -> {
                    if (t != null) {
                        result.completeExceptionally(t);
                    } else {
                        result.complete(ok);
                    }
                });
                all.add(c);
                boolean now = ch.connect(new InetSocketAddress(ws.getHost(), ws.getPort()));
                SelectionKey k = ch.register(selector, SelectionKey.OP_CONNECT, c);
                c.registered(k);
                if (now) {
                    c.onConnectable();
                }
            } catch (IOException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    void markDirty(LoadConnection c) {
        if (!c.dirty) {
            c.dirty = true;
            dirty.add(c);
        }
    }

    void wake(LoadConnection c) {
        woken.add(c);
        selector.wakeup();
    }

    void execute(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    ByteBuffer writeBuffer() {
        return writeBuffer;
    }

    String lastFailure() {
        return lastFailure;
    }

    private void run() {
        while (running) {
            try {
                selector.select();
            } catch (IOException e) {
                lastFailure = e.toString();
                return;
            }
            for (SelectionKey k : selector.selectedKeys()) {
                LoadConnection c = (LoadConnection) k.attachment();
                try {
                    if (!k.isValid()) {
                        continue;
                    }
                    if (k.isConnectable()) {
                        c.onConnectable();
                    } else {
                        if (k.isReadable()) {
                            c.onReadable(readBuffer);
                        }
                        if (k.isValid() && k.isWritable()) {
                            markDirty(c);
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    fail(c, k, e);
                }
            }
            selector.selectedKeys().clear();
            Runnable task;
            while ((task = tasks.poll()) != null) {
                task.run();
            }
            LoadConnection w;
            while ((w = woken.poll()) != null) {
                w.takeFromOtherThreads();
                markDirty(w);
            }
            for (int i = 0; i < dirty.size(); i++) {
                LoadConnection c = dirty.get(i);
                try {
                    c.flush();
                } catch (IOException | RuntimeException e) {
                    fail(c, null, e);
                }
            }
            dirty.clear();
        }
    }

    private void fail(LoadConnection c, SelectionKey k, Exception e) {
        if (running && !c.closed()) {
            failures.incrementAndGet();
            lastFailure = e.toString();
        }
        if (k != null) {
            k.cancel();
        }
        c.failed(e);
    }

    @Override
    public void close() {
        execute(() -> {
            running = false;
            for (LoadConnection c : all) {
                try {
                    c.channel.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
            try {
                selector.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        });
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
