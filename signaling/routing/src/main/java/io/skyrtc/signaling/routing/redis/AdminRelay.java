package io.skyrtc.signaling.routing.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.KeyScanCursor;
import io.skyrtc.signaling.room.RoomRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Admin and actor-core commands for a room that lives on another node: asked of its owner over the
 * owner's channel ({@code Q}), answered on ours ({@code P}); and the cluster's room list, read from
 * the lease keys. A command for a room no node owns answers null (the caller says "no such room").
 */
public final class AdminRelay implements AutoCloseable {
    private final RedisRouting routing;
    private final RoomRegistry registry;
    private final ObjectMapper json;
    private final ConcurrentHashMap<String, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    AdminRelay(RedisRouting routing, RoomRegistry registry, ObjectMapper json) {
        this.routing = routing;
        this.registry = registry;
        this.json = json;
    }

    /** Runs {@code op} on the room's owner; completes with its JSON result, or null when no node has the room. */
    public CompletableFuture<JsonNode> ask(String room, String op, ObjectNode args) {
        CompletableFuture<String> owner;
        try {
            owner = routing.leases.owner(room);
        } catch (RuntimeException redisDown) {
            return CompletableFuture.completedFuture(null);
        }
        return owner.thenCompose(value -> {
            if (value == null || Owner.parse(value).node().equals(routing.nodeId)) {
                return CompletableFuture.completedFuture(null);
            }
            String id = Long.toString(ids.incrementAndGet());
            CompletableFuture<JsonNode> reply = new CompletableFuture<>();
            pending.put(id, reply);
            ObjectNode q = args.deepCopy().put("op", op).put("room", room);
            routing.publish(Owner.parse(value).node(), new Envelope('Q', routing.nodeId, id, 0,
                    q.toString().getBytes(StandardCharsets.UTF_8)));
            return reply.orTimeout(routing.link.timeoutMs(), TimeUnit.MILLISECONDS)
                    .whenComplete((r, e) -> pending.remove(id));
        });
    }

    /** Every room some node holds the lease of, sorted; this node's own when Redis cannot be read. */
    public List<String> rooms() {
        TreeSet<String> out = new TreeSet<>(registry.localRoomNames());
        try {
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                KeyScanCursor<String> page = routing.link.await(routing.link.cmd()
                        .scan(cursor, ScanArgs.Builder.matches(routing.keys.ownerPattern()).limit(500))
                        .toCompletableFuture());
                page.getKeys().forEach(k -> out.add(routing.keys.roomOfOwnerKey(k)));
                cursor = page;
            } while (!cursor.isFinished());
        } catch (Exception redisDown) {
            // the local view is all there is
        }
        return new ArrayList<>(out);
    }

    void onMessage(Envelope e) throws Exception {
        if (e.type() == 'P') {
            CompletableFuture<JsonNode> reply = pending.get(e.session());
            if (reply != null) {
                reply.complete(json.readTree(e.body()).get("result"));
            }
            return;
        }
        JsonNode q = json.readTree(e.body());
        String room = q.path("room").asText();
        CompletableFuture<?> result = registry.localRoom(room) == null ? CompletableFuture.completedFuture(null) : switch (q.path("op").asText()) {
            case "kick" -> registry.kick(room, q.path("peer").asText(), q.path("reason").asText());
            case "close" -> registry.closeRoom(room, q.path("reason").asText());
            case "send" -> registry.sendData(room, q.path("to").isTextual() ? q.path("to").asText() : null,
                    q.get("payload"));
            case "snapshot" -> registry.snapshot(room);
            case "events" -> registry.events(room);
            default -> CompletableFuture.completedFuture(null);
        };
        result.whenComplete((r, err) -> {
            ObjectNode p = json.createObjectNode();
            p.set("result", err != null || r == null ? null : json.valueToTree(r));
            routing.publish(e.from(), new Envelope('P', routing.nodeId, e.session(), 0,
                    p.toString().getBytes(StandardCharsets.UTF_8)));
        });
    }

    @Override
    public void close() {
        pending.values().forEach(f -> f.complete(null));
    }
}
