package io.skyrtc.signaling.admin;

import io.skyrtc.signaling.actorcore.CoreCommand;
import io.skyrtc.signaling.http.ApiHandler;
import io.skyrtc.signaling.http.HttpError;
import io.skyrtc.signaling.metrics.SignalingMetrics;
import io.skyrtc.signaling.ops.Drain;
import io.skyrtc.signaling.room.RoomJournal;
import io.skyrtc.signaling.room.RoomRegistry;
import io.skyrtc.signaling.room.RoomStat;
import io.skyrtc.signaling.skynet.CoreCommands;
import io.skyrtc.signaling.skynet.GateLink;
import io.skyrtc.signaling.skynet.cluster.ClusterEventLink;
import java.util.Comparator;
import java.util.List;

/**
 * The operator's console over HTTP ({@code skyrtc admin}, docs/API.md "Admin"): every route needs an API
 * key with scope {@code admin} and is logged ({@code event=admin}).
 */
public final class AdminRoutes {
    /** {@code admin stat} lists at most this many rooms, the busiest first. */
    static final int MAX_ROOMS_LISTED = 1000;

    /** What {@code GET /v1/admin/stat} answers. */
    public record Stat(ProcessStat process, Node node, List<RoomStat> rooms, List<LinkStat> links) {}

    /** The node's totals; {@code roomsListed} rooms of {@code rooms} are in the list. */
    public record Node(int rooms, int peers, int connections, boolean draining, int roomsListed) {}

    record EventsRequest(String room) {}

    record EventsReply(String room, List<RoomJournal.Entry> events) {}

    record LogLevelRequest(String logger, String level) {}

    /** What the console acts on beyond the rooms: the node's links and its life cycle. */
    public interface Actions {
        /** The actor-core gate links, in config order. */
        List<GateLink> gates();

        /** The cluster's event link, or null when there is none. */
        ClusterEventLink.State clusterEvents();

        /** Starts (or reports) the bounded drain. */
        Drain.Status drain();

        /** Re-reads the configuration (docs/OPERATIONS.md "Reload"). */
        ReloadOutcome reload();
    }

    /**
     * What {@code POST /v1/admin/reload} reports.
     *
     * @param outcome {@code ok} or {@code refused}
     * @param changed the keys whose value changed (names only); on a refusal, what would have changed
     * @param reason  why it was refused: {@code invalid} (the file fails validation) or {@code restart-needed}
     * @param message the validator's error or the restart-only keys; null when ok
     */
    public record ReloadOutcome(String outcome, List<String> changed, String reason, String message) {
        public static ReloadOutcome ok(List<String> changed) {
            return new ReloadOutcome("ok", List.copyOf(changed), null, null);
        }

        public static ReloadOutcome refused(String reason, List<String> changed, String message) {
            return new ReloadOutcome("refused", List.copyOf(changed), reason, message);
        }
    }

    private AdminRoutes() {}

    public static void install(ApiHandler api, CoreCommands commands, RoomRegistry rooms, SignalingMetrics metrics,
                               Actions actions) {
        for (CoreCommand.Name command : CoreCommand.Name.values()) {
            api.withApiKey("POST", "/v1/admin/" + command.wire(), new AdminEndpoint(commands.runner(), command));
        }
        api.withApiKey("GET", "/v1/admin/rooms", new AdminEndpoint(commands.runner(), CoreCommand.Name.LIST_ROOMS));
        api.withApiKey("GET", "/v1/admin/stat", call -> {
            AdminCalls.begin(call, "stat");
            List<RoomStat> all = AdminCalls.await(rooms.stats());
            List<RoomStat> busiest = all.stream().sorted(Comparator.comparingLong(RoomStat::busyMs).reversed()
                    .thenComparing(RoomStat::room)).limit(MAX_ROOMS_LISTED).toList();
            return new Stat(ProcessStat.now(), new Node(rooms.roomCount(), metrics.peers.get(),
                    metrics.connections.get(), rooms.drainDeadlineMs() != 0, busiest.size()), busiest,
                    LinkStat.of(actions.gates(), actions.clusterEvents()));
        });
        api.withApiKey("GET", "/v1/admin/links", call -> {
            AdminCalls.begin(call, "links");
            return java.util.Map.of("links", LinkStat.of(actions.gates(), actions.clusterEvents()));
        });
        api.withApiKey("POST", "/v1/admin/events", call -> {
            call.requireScope("admin");
            EventsRequest r = call.bodyAs(EventsRequest.class);
            if (r.room() == null || r.room().isEmpty()) {
                throw HttpError.badRequest("room", "room is required");
            }
            AdminCalls.begin(call, "events", "room", r.room());
            List<RoomJournal.Entry> events = AdminCalls.await(rooms.events(r.room()));
            if (events == null) {
                throw new HttpError(404, "not-found", "no room " + r.room(), null, null);
            }
            return new EventsReply(r.room(), events);
        });
        api.withApiKey("POST", "/v1/admin/loglevel", call -> {
            call.requireScope("admin");
            LogLevelRequest r = call.bodyAs(LogLevelRequest.class);
            LogLevels.Change change = LogLevels.set(r.logger(), r.level());
            AdminCalls.begin(call, "loglevel", "logger", change.logger(), "level", r.level());
            return change;
        });
        api.withApiKey("POST", "/v1/admin/reload", call -> {
            AdminCalls.begin(call, "reload");
            ReloadOutcome r = actions.reload();
            if (r.outcome().equals("ok")) {
                return r;
            }
            throw r.reason().equals("invalid") ? new HttpError(422, "invalid-config", r.message(), null, null)
                    : new HttpError(409, "restart-needed", r.message(), null, null);
        });
        api.withApiKey("POST", "/v1/admin/drain", call -> {
            AdminCalls.begin(call, "drain");
            return actions.drain();
        });
    }
}
