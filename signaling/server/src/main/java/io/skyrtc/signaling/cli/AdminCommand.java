package io.skyrtc.signaling.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code skyrtc admin ...}: the console of a running node, over its HTTP admin API (docs/API.md, "Admin"). */
@Command(name = "admin", mixinStandardHelpOptions = true,
        description = "Look into and steer a running skyrtc node over its HTTP admin API (an API key with scope admin). "
                + "Human tables by default, --json for scripts.",
        subcommands = {AdminCommand.Stat.class, AdminCommand.Rooms.class, AdminCommand.Room.class, AdminCommand.Kick.class,
                AdminCommand.Close.class, AdminCommand.Send.class, AdminCommand.Links.class, AdminCommand.Drain.class,
                AdminCommand.Reload.class, AdminCommand.LogLevel.class, AdminCommand.Events.class})
final class AdminCommand {
    @Option(names = "--url", paramLabel = "URL", scope = ScopeType.INHERIT,
            defaultValue = "${env:SKYRTC_ADMIN_URL:-http://127.0.0.1:8080}",
            description = "the node's base URL (default: $SKYRTC_ADMIN_URL, else ${DEFAULT-VALUE})")
    String url;

    @Option(names = "--key", paramLabel = "KEY", scope = ScopeType.INHERIT, defaultValue = "${env:SKYRTC_ADMIN_KEY}",
            description = "API key with scope admin (default: $SKYRTC_ADMIN_KEY; the environment keeps it out of ps)")
    String key;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "print the API's JSON reply instead of a table")
    boolean json;

    /** Runs one call and prints it: JSON with --json, else the table {@code human} makes of it. */
    static int print(CommandSpec spec, AdminCommand admin, Function<AdminClient, JsonNode> call,
                     Function<JsonNode, String> human) {
        PrintWriter out = spec.commandLine().getOut();
        try {
            JsonNode reply = call.apply(new AdminClient(admin.url, admin.key));
            out.print(admin.json ? CliJson.write(reply) + "\n" : human.apply(reply));
            out.flush();
            return 0;
        } catch (AdminClient.Failure f) {
            spec.commandLine().getErr().println("admin: " + f.getMessage());
            return 1;
        }
    }

    abstract static class Sub implements Callable<Integer> {
        @ParentCommand
        AdminCommand admin;
        @Spec
        CommandSpec spec;

        int print(Function<AdminClient, JsonNode> call, Function<JsonNode, String> human) {
            return AdminCommand.print(spec, admin, call, human);
        }
    }

    @Command(name = "stat", mixinStandardHelpOptions = true,
            description = "Process heap/RSS/threads/fds, and per room actor and per actor-core link: messages handled, "
                    + "mailbox length and time spent (rooms: busy ms; links: CPU ms of their threads).")
    static final class Stat extends Sub {
        @Option(names = "--top", paramLabel = "N", defaultValue = "20", description = "rooms shown, busiest first (default 20)")
        int top;

        @Override
        public Integer call() {
            return print(c -> c.get("v1/admin/stat"), s -> AdminTables.stat(s, top));
        }
    }

    @Command(name = "rooms", mixinStandardHelpOptions = true, description = "The open rooms' names.")
    static final class Rooms extends Sub {
        @Override
        public Integer call() {
            return print(c -> c.get("v1/admin/rooms"), r -> {
                StringBuilder sb = new StringBuilder();
                r.path("rooms").forEach(n -> sb.append(n.asText()).append('\n'));
                return sb.toString();
            });
        }
    }

    @Command(name = "room", mixinStandardHelpOptions = true, description = "One room's peers: id, name, identity, attached.")
    static final class Room extends Sub {
        @Parameters(paramLabel = "ROOM", description = "the room's name")
        String room;

        @Override
        public Integer call() {
            return print(c -> c.post("v1/admin/room-info", Map.of("room", room)), AdminTables::room);
        }
    }

    @Command(name = "kick", mixinStandardHelpOptions = true,
            description = "Remove a peer: it gets error kicked (with the reason) and its socket closes (1000).")
    static final class Kick extends Sub {
        @Parameters(index = "0", paramLabel = "ROOM", description = "the room's name")
        String room;
        @Parameters(index = "1", paramLabel = "PEER", description = "the peer's id (admin room ROOM lists them)")
        String peer;
        @Option(names = "--reason", paramLabel = "TEXT", description = "what the peer is told (default: by the game server)")
        String reason;

        @Override
        public Integer call() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("room", room);
            body.put("peer", peer);
            if (reason != null) {
                body.put("reason", reason);
            }
            return print(c -> c.post("v1/admin/kick", body), r -> "kicked " + r.path("kicked").asText() + "\n");
        }
    }

    @Command(name = "close", mixinStandardHelpOptions = true, description = "Close a room: every peer is kicked.")
    static final class Close extends Sub {
        @Parameters(paramLabel = "ROOM", description = "the room's name")
        String room;
        @Option(names = "--reason", paramLabel = "TEXT", description = "what the peers are told")
        String reason;

        @Override
        public Integer call() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("room", room);
            if (reason != null) {
                body.put("reason", reason);
            }
            return print(c -> c.post("v1/admin/close-room", body),
                    r -> "closed " + room + ", " + r.path("removedPeers").asInt() + " peers removed\n");
        }
    }

    @Command(name = "send", mixinStandardHelpOptions = true,
            description = "Send data from \"server\" to one peer or, without PEER, to every peer of the room.")
    static final class Send extends Sub {
        @Parameters(arity = "2..3", paramLabel = "ARG", description = "ROOM [PEER] JSON: the payload is the last argument")
        List<String> args;

        @Override
        public Integer call() throws IOException {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("room", args.get(0));
            if (args.size() == 3) {
                body.put("to", args.get(1));
            }
            String payload = args.get(args.size() - 1);
            try {
                body.put("payload", CliJson.JSON.readTree(payload));
            } catch (IOException e) {
                throw new IllegalArgumentException("the payload is not JSON: " + payload);
            }
            return print(c -> c.post("v1/admin/send", body), r -> "delivered to " + r.path("delivered").asInt() + " peers\n");
        }
    }

    @Command(name = "links", mixinStandardHelpOptions = true, description = "The actor-core links (gates, cluster): state, outbox, CPU.")
    static final class Links extends Sub {
        @Override
        public Integer call() {
            return print(c -> c.get("v1/admin/links"), r -> AdminTables.links(r.path("links")));
        }
    }

    @Command(name = "drain", mixinStandardHelpOptions = true,
            description = "Drain the node: not ready, new joins refused (server-draining), peers told; it shuts down once "
                    + "empty or at server.drainTimeoutMs.")
    static final class Drain extends Sub {
        @Override
        public Integer call() {
            return print(c -> c.post("v1/admin/drain", null), r -> "draining: " + r.path("peers").asInt()
                    + " peers; shutdown in " + r.path("inMs").asLong() / 1000 + " s at the latest\n");
        }
    }

    @Command(name = "reload", mixinStandardHelpOptions = true,
            description = "Re-read the node's config file (as SIGHUP does): keys, secrets, apps, TURN, origins, some limits "
                    + "and log levels change live; a change needing a restart, or an invalid file, is refused whole "
                    + "and the running configuration stays (docs/OPERATIONS.md, Reload).")
    static final class Reload extends Sub {
        @Override
        public Integer call() {
            return print(c -> c.post("v1/admin/reload", null), r -> {
                List<String> changed = new java.util.ArrayList<>();
                r.path("changed").forEach(k -> changed.add(k.asText()));
                return changed.isEmpty() ? "reloaded: nothing changed\n" : "reloaded: " + String.join(", ", changed) + "\n";
            });
        }
    }

    @Command(name = "loglevel", mixinStandardHelpOptions = true, description = "Change a logger's level in the running node.")
    static final class LogLevel extends Sub {
        @Parameters(index = "0", paramLabel = "LOGGER", description = "a logger name (ROOT for all; skyrtc.events: event lines)")
        String logger;
        @Parameters(index = "1", paramLabel = "LEVEL", description = "TRACE, DEBUG, INFO, WARN, ERROR, OFF or INHERIT")
        String level;

        @Override
        public Integer call() {
            return print(c -> c.post("v1/admin/loglevel", Map.of("logger", logger, "level", level)),
                    r -> r.path("logger").asText() + ": " + r.path("previous").asText("inherited") + " -> "
                            + r.path("level").asText("inherited") + " (effective " + r.path("effective").asText() + ")\n");
        }
    }

    @Command(name = "events", mixinStandardHelpOptions = true,
            description = "The last events of a room (joins, leaves, refusals, kicks; rooms.eventLogSize of them).")
    static final class Events extends Sub {
        @Parameters(paramLabel = "ROOM", description = "the room's name")
        String room;

        @Override
        public Integer call() {
            return print(c -> c.post("v1/admin/events", Map.of("room", room)), AdminTables::events);
        }
    }
}
