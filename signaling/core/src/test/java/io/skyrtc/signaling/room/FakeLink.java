package io.skyrtc.signaling.room;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A connection as the room sees it, in memory: what it was sent, whether it was closed, and why. */
final class FakeLink implements PeerLink {
    static final ObjectMapper JSON = new ObjectMapper();

    final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    volatile Room room;
    volatile String peerId;
    volatile int closeCode;
    volatile String closeReason;
    volatile int rejections;

    @Override
    public void send(byte[] frame) {
        try {
            frames.add(JSON.readTree(new String(frame, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new AssertionError("the room sent a frame that is not JSON", e);
        }
    }

    @Override
    public void close(int code, String reason) {
        closeCode = code;
        closeReason = reason;
    }

    @Override
    public void attached(Room room, String peerId) {
        this.room = room;
        this.peerId = peerId;
    }

    @Override
    public void joinRejected(Room room) {
        rejections++;
    }

    /** The next frame, which must be of {@code type}; the rooms run on their own threads, hence the wait. */
    JsonNode next(String type) throws InterruptedException {
        JsonNode f = frames.poll(10, TimeUnit.SECONDS);
        assertThat(f).as("a %s frame", type).isNotNull();
        assertThat(f.path("type").asText()).as("frame %s", f).isEqualTo(type);
        return f;
    }

    /** Nothing more was sent (within a short wait). */
    void nothingMore() throws InterruptedException {
        assertThat(frames.poll(200, TimeUnit.MILLISECONDS)).isNull();
    }
}
