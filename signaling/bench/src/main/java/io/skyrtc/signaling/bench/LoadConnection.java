package io.skyrtc.signaling.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One client WebSocket driven by a {@link LoadLoop}. Everything but {@link #send} and {@link #writeNow}
 * runs on the loop's thread; frames the callbacks send are written when the loop has handled every
 * ready socket. In {@link ClientMode#BATCHED} one write carries many frames (the load generator stays
 * far cheaper than the server it measures); in {@link ClientMode#REALISTIC} every frame is its own
 * write under its own fresh mask key, and the upgrade is a browser's, as real clients do. The write
 * side (queue, unwritten rest) is guarded by this object's monitor, because a pacing thread may write
 * directly.
 */
final class LoadConnection {
    /** Called on the loop thread with a whole text frame's payload at {@code [offset, offset+length)}. */
    interface Listener {
        void onText(LoadConnection connection, ByteBuffer buffer, int offset, int length);
    }

    private static final byte[] HEADER_END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    final LoadLoop loop;
    final SocketChannel channel;
    final CompletableFuture<LoadConnection> opened = new CompletableFuture<>();
    private final Listener listener;
    private final String key = ClientFrames.newKey();
    private final String request;
    private final ClientMode mode;
    private final ArrayDeque<byte[]> queued = new ArrayDeque<>();
    private final ConcurrentLinkedQueue<byte[]> fromOtherThreads = new ConcurrentLinkedQueue<>();
    private SelectionKey selectionKey;
    private byte[] leftover;
    private ByteBuffer unwritten;
    private java.util.zip.Inflater inflater;
    private byte[] inflated;
    private volatile boolean upgraded;
    private volatile boolean closed;
    boolean dirty;
    /** Free for the scenario's own per-connection state. */
    volatile Object attachment;

    LoadConnection(LoadLoop loop, SocketChannel channel, String hostHeader, String path, Listener listener,
                   ClientMode mode) {
        this.loop = loop;
        this.channel = channel;
        this.listener = listener;
        this.mode = mode;
        this.request = mode == ClientMode.REALISTIC ? ClientFrames.browserHandshake(hostHeader, path, key)
                : ClientFrames.handshake(hostHeader, path, key);
    }

    /** Queues a ready-made frame (see {@link ClientFrames}); any thread. */
    synchronized void send(byte[] frame) {
        if (loop.inLoop()) {
            queued.add(frame);
            loop.markDirty(this);
        } else {
            fromOtherThreads.add(frame);
            loop.wake(this);
        }
    }

    /**
     * Writes {@code frame} (consumed) from the calling thread at once when nothing waits before it, so
     * a paced send reaches the server without a hop through the loop's thread; whatever the socket does
     * not take, or a frame that must wait its turn, goes to the loop. Any thread, never throws: a broken
     * socket is found and counted by the loop.
     */
    synchronized void writeNow(ByteBuffer frame) {
        if (upgraded && !closed && unwritten == null && queued.isEmpty() && fromOtherThreads.isEmpty()) {
            try {
                channel.write(frame);
            } catch (IOException e) {
                // left in the frame: the loop's flush meets the same failure and reports it
            }
            if (!frame.hasRemaining()) {
                return;
            }
            unwritten = ByteBuffer.allocate(frame.remaining()).put(frame).flip();
            loop.wake(this);
            return;
        }
        byte[] copy = new byte[frame.remaining()];
        frame.get(copy);
        send(copy);
    }

    void sendText(String text) {
        send(ClientFrames.text(text));
    }

    // ---- loop thread ----

    void registered(SelectionKey k) {
        this.selectionKey = k;
    }

    synchronized void onConnectable() throws IOException {
        channel.finishConnect();
        unwritten = ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII));
        selectionKey.interestOps(SelectionKey.OP_READ);
        flush();
    }

    synchronized void takeFromOtherThreads() {
        byte[] f;
        while ((f = fromOtherThreads.poll()) != null) {
            queued.add(f);
        }
    }

    /** Reads what is there into the loop's shared buffer and hands out every whole frame. */
    void onReadable(ByteBuffer shared) throws IOException {
        shared.clear();
        if (leftover != null) {
            shared.put(leftover);
            leftover = null;
        }
        int n = channel.read(shared);
        if (n < 0) {
            throw new IOException("server closed the connection");
        }
        shared.flip();
        if (!upgraded && !readUpgrade(shared)) {
            keepRest(shared);
            return;
        }
        while (shared.hasRemaining()) {
            long whole = ClientFrames.frameLength(shared);
            if (whole < 0 || whole > shared.remaining()) {
                if (whole > shared.capacity()) {
                    throw new IOException("server frame of " + whole + " bytes is larger than the read buffer");
                }
                break;
            }
            int start = shared.position();
            int payload = start + ClientFrames.headerLength(shared);
            int end = (int) (start + whole);
            int opcode = shared.get(start) & 0x0F;
            if (opcode == ClientFrames.OP_TEXT && (shared.get(start) & 0x40) != 0) {
                ByteBuffer plain = inflate(shared, payload, end - payload, (shared.get(start) & 0x80) != 0);
                listener.onText(this, plain, 0, plain.limit());
            } else if (opcode == ClientFrames.OP_TEXT) {
                listener.onText(this, shared, payload, end - payload);
            } else if (opcode == ClientFrames.OP_PING) {
                byte[] body = new byte[end - payload];
                shared.get(payload, body);
                send(ClientFrames.frame(0xA, body));
            } else if (opcode == ClientFrames.OP_CLOSE) {
                throw new IOException("server sent close");
            }
            shared.position(end);
        }
        keepRest(shared);
    }

    /**
     * A permessage-deflate message (RFC 7692; the server accepted a browser's offer): inflated with
     * this connection's one inflater, context kept between messages as negotiated. Only whole
     * messages in one frame, which is what a signaling server sends.
     */
    private ByteBuffer inflate(ByteBuffer in, int offset, int length, boolean fin) throws IOException {
        if (inflater == null || !fin) {
            throw new IOException("compressed frame without permessage-deflate, or fragmented");
        }
        byte[] input = new byte[length + 4];
        in.get(offset, input, 0, length);
        input[length + 2] = (byte) 0xFF;
        input[length + 3] = (byte) 0xFF;
        inflater.setInput(input);
        int n = 0;
        try {
            while (true) {
                n += inflater.inflate(inflated, n, inflated.length - n);
                if (n < inflated.length) {
                    break;
                }
                inflated = java.util.Arrays.copyOf(inflated, inflated.length * 2);
            }
        } catch (java.util.zip.DataFormatException e) {
            throw new IOException("bad permessage-deflate data", e);
        }
        return ByteBuffer.wrap(inflated, 0, n);
    }

    private void keepRest(ByteBuffer shared) {
        if (shared.hasRemaining()) {
            leftover = new byte[shared.remaining()];
            shared.get(leftover);
        }
    }

    private boolean readUpgrade(ByteBuffer in) throws IOException {
        int end = indexOf(in, HEADER_END);
        if (end < 0) {
            return false;
        }
        byte[] head = new byte[end - in.position()];
        in.get(head);
        in.position(end + HEADER_END.length);
        String response = new String(head, StandardCharsets.ISO_8859_1);
        if (!response.startsWith("HTTP/1.1 101")) {
            throw new IOException("upgrade refused: " + response.lines().findFirst().orElse(""));
        }
        if (!response.contains(ClientFrames.expectedAccept(key))) {
            throw new IOException("wrong Sec-WebSocket-Accept");
        }
        if (response.toLowerCase(java.util.Locale.ROOT).contains("sec-websocket-extensions: permessage-deflate")) {
            // we keep sending uncompressed messages (RFC 7692 lets a client), but must read compressed ones
            inflater = new java.util.zip.Inflater(true);
            inflated = new byte[8192];
        }
        upgraded = true;
        opened.complete(this);
        return true;
    }

    private static int indexOf(ByteBuffer in, byte[] needle) {
        outer:
        for (int i = in.position(); i <= in.limit() - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (in.get(i + j) != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /**
     * Writes everything queued: as few writes as the socket allows ({@code BATCHED}), or one write per
     * frame, each re-masked with a fresh key ({@code REALISTIC}); the rest waits for OP_WRITE.
     */
    synchronized void flush() throws IOException {
        dirty = false;
        if (closed) {
            return;
        }
        if (unwritten != null) {
            channel.write(unwritten);
            if (unwritten.hasRemaining()) {
                return;
            }
            unwritten = null;
        }
        ByteBuffer out = loop.writeBuffer();
        while (!queued.isEmpty()) {
            out.clear();
            if (mode == ClientMode.REALISTIC && queued.peek().length <= out.remaining()) {
                ClientFrames.putRemasked(queued.poll(), out);
            }
            while (mode == ClientMode.BATCHED && !queued.isEmpty() && queued.peek().length <= out.remaining()) {
                out.put(queued.poll());
            }
            if (out.position() == 0) {
                out = ByteBuffer.wrap(queued.poll());
            } else {
                out.flip();
            }
            channel.write(out);
            if (out.hasRemaining()) {
                unwritten = ByteBuffer.allocate(out.remaining()).put(out).flip();
                selectionKey.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                return;
            }
        }
        if (selectionKey.isValid()) {
            selectionKey.interestOps(SelectionKey.OP_READ);
        }
    }

    boolean closed() {
        return closed;
    }

    void failed(Throwable t) {
        closed = true;
        opened.completeExceptionally(t);
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
