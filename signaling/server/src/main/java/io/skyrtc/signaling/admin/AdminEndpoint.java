package io.skyrtc.signaling.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.skyrtc.signaling.actorcore.CoreCommand;
import io.skyrtc.signaling.actorcore.CoreCommandJson;
import io.skyrtc.signaling.actorcore.CoreCommandRunner;
import io.skyrtc.signaling.actorcore.CoreFailure;
import io.skyrtc.signaling.http.HttpCall;
import io.skyrtc.signaling.http.HttpEndpoint;
import io.skyrtc.signaling.http.HttpError;
import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code POST /v1/admin/<command>} (API key, scope {@code admin}): the actor core's commands for
 * operators, the HTTP adapter of {@link CoreCommand}. The body is the command's data, the reply its
 * result; a bad field is a 400 naming it, an unknown room or peer a 404 (docs/API.md).
 */
public final class AdminEndpoint implements HttpEndpoint {
    static final long TIMEOUT_MS = 5000;

    private final CoreCommandRunner commands;
    private final CoreCommand.Name command;

    public AdminEndpoint(CoreCommandRunner commands, CoreCommand.Name command) {
        this.commands = commands;
        this.command = command;
    }

    private static String text(JsonNode data, String field) {
        JsonNode v = data == null ? null : data.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    @Override
    public Object handle(HttpCall call) throws HttpError {
        call.requireScope("admin");
        JsonNode data;
        try {
            data = call.body().length == 0 ? null : call.mapper().readTree(call.body());
        } catch (IOException e) {
            throw HttpError.badRequest("(body)", "malformed JSON");
        }
        if (data != null && !data.isObject()) {
            throw HttpError.badRequest("(body)", "a JSON object is required");
        }
        // the room and peer it acts on, never the payload or the reason text
        AdminCalls.begin(call, command.wire(), "room", text(data, "room"), "peer", text(data, "peer"), "to", text(data, "to"));
        try {
            return commands.run(CoreCommandJson.parse(command.wire(), data)).get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (CoreFailure f) {
            throw httpError(f);
        } catch (ExecutionException e) {
            CoreFailure f = CoreFailure.of(e.getCause());
            if (f != null) {
                throw httpError(f);
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new HttpError(503, "busy", "the room did not answer within " + TIMEOUT_MS + " ms", null, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HttpError(503, "busy", "interrupted", null, null);
        }
    }

    private static HttpError httpError(CoreFailure f) {
        return switch (f.code()) {
            case NOT_FOUND -> new HttpError(404, "not-found", f.getMessage(), null, null);
            case BAD_REQUEST, UNKNOWN_COMMAND -> new HttpError(400, "invalid-field", f.getMessage(),
                    f.field() == null ? "(body)" : f.field(), null);
        };
    }
}
