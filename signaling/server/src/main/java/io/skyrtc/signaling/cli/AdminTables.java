package io.skyrtc.signaling.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@code skyrtc admin}'s human output: aligned columns, sizes in MiB, times in ms. */
final class AdminTables {
    private AdminTables() {}

    /** Left-aligned columns separated by two spaces; a header row first. */
    static String table(List<String> header, List<List<String>> rows) {
        int[] width = new int[header.size()];
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        for (List<String> row : all) {
            for (int i = 0; i < row.size(); i++) {
                width[i] = Math.max(width[i], row.get(i).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (List<String> row : all) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(i == row.size() - 1 ? row.get(i) : pad(row.get(i), width[i] + 2));
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    static String stat(JsonNode s, int top) {
        JsonNode p = s.path("process");
        JsonNode n = s.path("node");
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("process  uptime %ds  cpu %dms  heap %s/%s MiB  rss %s MiB  threads %d  fds %d/%d%n",
                p.path("uptimeMs").asLong() / 1000, p.path("cpuMs").asLong(), mib(p.path("heapUsedBytes")),
                mib(p.path("heapMaxBytes")), mib(p.path("rssBytes")), p.path("threads").asInt(),
                p.path("openFds").asLong(), p.path("maxFds").asLong()));
        sb.append(String.format("node     rooms %d  peers %d  connections %d%s%n", n.path("rooms").asInt(),
                n.path("peers").asInt(), n.path("connections").asInt(), n.path("draining").asBoolean() ? "  DRAINING" : ""));
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode r : s.path("rooms")) {
            if (rows.size() == top) {
                break;
            }
            rows.add(List.of(r.path("room").asText(), r.path("peers").asText(), r.path("attached").asText(),
                    r.path("handled").asText(), r.path("mailbox").asText(), r.path("busyMs").asText()));
        }
        sb.append('\n').append(table(List.of("ROOM", "PEERS", "ATTACHED", "HANDLED", "MAILBOX", "BUSY_MS"), rows));
        int listed = s.path("rooms").size();
        if (listed > rows.size()) {
            sb.append("(").append(listed - rows.size()).append(" more rooms; --top N or --json)\n");
        }
        sb.append('\n').append(links(s.path("links")));
        return sb.toString();
    }

    static String links(JsonNode links) {
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode l : links) {
            rows.add(List.of(l.path("name").asText(), l.path("kind").asText(), l.path("up").asBoolean() ? "up" : "DOWN",
                    l.path("handled").asText(), l.path("mailbox").asText(), l.path("oldestUnackedMs").asText(),
                    l.path("dropped").asText(), l.path("cpuMs").asText()));
        }
        if (rows.isEmpty()) {
            return "no actor-core links configured\n";
        }
        return table(List.of("LINK", "KIND", "STATE", "HANDLED", "MAILBOX", "OLDEST_MS", "DROPPED", "CPU_MS"), rows);
    }

    static String room(JsonNode r) {
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode p : r.path("peers")) {
            rows.add(List.of(p.path("peerId").asText(), p.path("name").asText(""), p.path("identity").asText(""),
                    p.path("attached").asBoolean() ? "yes" : "no (in grace)"));
        }
        return "room " + r.path("room").asText() + " (" + r.path("roomId").asText() + ")\n"
                + table(List.of("PEER", "NAME", "IDENTITY", "ATTACHED"), rows);
    }

    static String events(JsonNode e) {
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode ev : e.path("events")) {
            rows.add(List.of(Instant.ofEpochMilli(ev.path("atMs").asLong()).toString(), ev.path("event").asText(),
                    ev.path("peer").asText("-"), ev.path("detail").asText("")));
        }
        return table(List.of("TIME", "EVENT", "PEER", "DETAIL"), rows);
    }

    private static String mib(JsonNode bytes) {
        long b = bytes.asLong(-1);
        return b < 0 ? "?" : Long.toString(b / (1024 * 1024));
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
