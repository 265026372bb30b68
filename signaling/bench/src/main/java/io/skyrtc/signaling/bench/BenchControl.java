package io.skyrtc.signaling.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.skyrtc.signaling.protocol.ClientMessage;
import io.skyrtc.signaling.protocol.ServerMessage;
import io.skyrtc.signaling.room.PeerLink;
import io.skyrtc.signaling.room.Room;
import io.skyrtc.signaling.room.RoomRegistry;
import java.io.IOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The bench's line to rtc_sink on a real node: a peer in room "bench-ctl" sends {bench = "reset" |
 * "report"} to "server"; the sink answers with rtc.send, which arrives here as data from "server".
 */
final class BenchControl implements PeerLink {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final BlockingQueue<JsonNode> answers = new LinkedBlockingQueue<>();
    private final RoomRegistry registry;
    private volatile Room room;

    private BenchControl(RoomRegistry registry) {
        this.registry = registry;
    }

    static BenchControl join(RoomRegistry registry) {
        BenchControl c = new BenchControl(registry);
        registry.join(c, new ClientMessage.Join(null, "bench-ctl", "bench", null, null, null, null), "bench",
                ServerMessage.Grants.ALL);
        return c;
    }

    /** Sends the request and waits for rtc_sink's answer to it. */
    JsonNode ask(String what) throws InterruptedException {
        while (room == null) {
            Thread.sleep(5);
        }
        registry.fromPeer(room, this, new ClientMessage.Data(null, Room.SERVER, JSON.createObjectNode().put("bench", what)));
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            JsonNode a = answers.poll(100, TimeUnit.MILLISECONDS);
            if (a != null && what.equals(a.path("bench").asText())) {
                return a;
            }
        }
        throw new IllegalStateException("no answer to '" + what + "' from the node within 30 s: is bench/rtc_sink.lua "
                + "the watchdog's target there?");
    }

    @Override
    public void send(byte[] frame) {
        try {
            JsonNode m = JSON.readTree(frame);
            if ("data".equals(m.path("type").asText()) && "server".equals(m.path("from").asText())) {
                answers.add(m.path("payload"));
            }
        } catch (IOException ignored) {
            // other frames (welcome, peer events) are not for the bench
        }
    }

    @Override
    public void close(int code, String reason) {}

    @Override
    public void attached(Room room, String peerId) {
        this.room = room;
    }

    @Override
    public void joinRejected(Room room) {}
}
