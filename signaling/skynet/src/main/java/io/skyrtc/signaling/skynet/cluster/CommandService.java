package io.skyrtc.signaling.skynet.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.skyrtc.signaling.actorcore.CoreCommand;
import io.skyrtc.signaling.actorcore.CoreFailure;
import io.skyrtc.signaling.skynet.CoreCommands;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The actor-core commands as a cluster service ({@code @skyrtc}): the Lua-values adapter. A call is
 * {@code cluster.call(node, "@skyrtc", cmd, ...)} with the command's fields either positional
 * ({@code "kick", room, peer[, reason]}, in {@link CoreCommand.Name#fields} order) or as one table
 * ({@code "kick", {room=.., peer=..}}); {@code _} may stand for {@code -} in names. It returns two values,
 * like pcall: {@code true, result} or {@code false, {code=, message=[, field=]}}, because a Lua caller
 * never sees an error packet's text.
 */
final class CommandService implements ClusterServices.Service {
    private final CoreCommands commands;

    CommandService(CoreCommands commands) {
        this.commands = commands;
    }

    @Override
    public CompletableFuture<List<Object>> call(List<Object> args) {
        JsonNode data;
        String name;
        try {
            name = commandName(args);
            data = data(name, args.subList(1, args.size()));
        } catch (CoreFailure f) {
            return CompletableFuture.completedFuture(failure(f));
        }
        return commands.run(name, data).handle((result, error) -> {
            if (error == null) {
                return List.of(true, LuaValues.fromJson(result));
            }
            CoreFailure f = CoreFailure.of(error);
            if (f != null) {
                return failure(f);
            }
            throw error instanceof CompletionException c ? c : new CompletionException(error);
        });
    }

    private static String commandName(List<Object> args) {
        if (args.isEmpty() || !(args.get(0) instanceof String s)) {
            throw CoreFailure.badRequest(null, "the first argument must be a command name: "
                    + CoreCommand.Name.wireNames());
        }
        return s.replace('_', '-');
    }

    /** The Lua arguments after the name as the command's JSON data; null for an unknown command (run answers it). */
    private static JsonNode data(String name, List<Object> rest) {
        CoreCommand.Name command = CoreCommand.Name.of(name);
        if (command == null) {
            return null;
        }
        List<String> fields = command.fields();
        try {
            if (rest.size() == 1 && rest.get(0) instanceof Map) {
                return LuaValues.toJson(rest.get(0));
            }
            if (rest.size() == 1 && rest.get(0) instanceof List<?> l && l.isEmpty()) {
                return JsonNodeFactory.instance.objectNode();  // {}: an empty field table (Lua cannot tell it from a list)
            }
            if (rest.size() > fields.size()) {
                throw CoreFailure.badRequest(null, name + " takes at most " + fields.size() + " arguments "
                        + fields + ", got " + rest.size());
            }
            ObjectNode data = JsonNodeFactory.instance.objectNode();
            for (int i = 0; i < rest.size(); i++) {
                if (rest.get(i) != null) {
                    data.set(fields.get(i), LuaValues.toJson(rest.get(i)));
                }
            }
            return data;
        } catch (SkynetPackException e) {
            throw CoreFailure.badRequest(null, e.getMessage());
        }
    }

    /** Every {@code code} a failure answer may carry (CoreFailure's wire names). */
    static List<String> failureCodes() {
        return java.util.Arrays.stream(CoreFailure.Code.values()).map(CoreFailure.Code::wire).toList();
    }

    private static List<Object> failure(CoreFailure f) {
        Map<Object, Object> error = new LinkedHashMap<>();
        error.put("code", f.code().wire());
        error.put("message", f.getMessage());
        if (f.field() != null) {
            error.put("field", f.field());
        }
        return List.of(false, error);
    }
}
