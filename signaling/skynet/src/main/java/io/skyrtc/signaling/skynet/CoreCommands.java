package io.skyrtc.signaling.skynet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.skyrtc.signaling.actorcore.CoreCommand;
import io.skyrtc.signaling.actorcore.CoreCommandJson;
import io.skyrtc.signaling.actorcore.CoreCommandRunner;
import io.skyrtc.signaling.actorcore.CoreFailure;
import io.skyrtc.signaling.room.RoomRegistry;
import java.util.concurrent.CompletableFuture;

/**
 * The actor-core commands in their JSON form ({@code kick}, {@code close-room}, {@code send},
 * {@code list-rooms}, {@code room-info}; docs/ACTOR-CORE.md), for the gate link and the cluster service:
 * parsed into a {@link CoreCommand} and run on the rooms' own threads. Every command gets exactly one
 * result; bad or unknown commands get an error result ({@link CoreFailure}), never a dropped link.
 */
public final class CoreCommands {
    private final CoreCommandRunner runner;
    private final CoreCommandJson json;

    public CoreCommands(RoomRegistry rooms, ObjectMapper json) {
        this.runner = new CoreCommandRunner(rooms);
        this.json = new CoreCommandJson(json);
    }

    /** What runs the typed commands, for adapters that parse their own way (admin HTTP). */
    public CoreCommandRunner runner() {
        return runner;
    }

    /** The command's result object; completes exceptionally with {@link CoreFailure}. */
    public CompletableFuture<JsonNode> run(String name, JsonNode data) {
        CoreCommand command;
        try {
            command = CoreCommandJson.parse(name, data);
        } catch (CoreFailure f) {
            return CompletableFuture.failedFuture(f);
        }
        return runner.run(command).thenApply(json::toJson);
    }

    /** A result's data: {@code {"id":..,"ok":true,"result":{..}}}, or {@code "ok":false} with {@code "error":{"code","message"}} when {@code code} is set. */
    public static ObjectNode resultData(ObjectMapper json, JsonNode id, JsonNode result, String code, String message) {
        ObjectNode data = json.createObjectNode();
        data.set("id", id);
        data.put("ok", code == null);
        if (code == null) {
            data.set("result", result);
        } else {
            data.putObject("error").put("code", code).put("message", message);
        }
        return data;
    }
}
