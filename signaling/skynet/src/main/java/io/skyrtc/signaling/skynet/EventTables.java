package io.skyrtc.signaling.skynet;

import com.fasterxml.jackson.databind.JsonNode;
import io.skyrtc.signaling.events.RoomEvent;
import io.skyrtc.signaling.skynet.cluster.SkynetPack;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;

/**
 * A room event as the Lua table skynet services get (the gate's skynet encoding and the cluster link
 * alike), packed once without its seq: the seq is spliced in when the outbox assigns it.
 *
 * <p>The table is {type="peer.joined", id=.., time=.., node=.., room=.., ...}: the event's JSON fields
 * (docs/ACTOR-CORE.md, absent when null) in their JSON order, then {@code type} ({@code name} is a field
 * of peer.joined, the peer's display name). It is written straight from the record, without a JSON tree
 * or a Map in between: this runs once per event on the room's thread. JSON values ({@code meta},
 * {@code payload}) map as {@link io.skyrtc.signaling.skynet.cluster.LuaValues#fromJson} does: null members
 * left out, an array with nulls a table with holes, integers that fit a long as Lua integers, other
 * numbers as floats.
 */
public final class EventTables {
    private static final byte[] ID = SkynetPack.pack("id");
    private static final byte[] TIME = SkynetPack.pack("time");
    private static final byte[] NODE = SkynetPack.pack("node");
    private static final byte[] ROOM = SkynetPack.pack("room");
    private static final byte[] ROOM_ID = SkynetPack.pack("roomId");
    private static final byte[] PEER = SkynetPack.pack("peer");
    private static final byte[] IDENTITY = SkynetPack.pack("identity");
    private static final byte[] NAME = SkynetPack.pack("name");
    private static final byte[] META = SkynetPack.pack("meta");
    private static final byte[] REASON = SkynetPack.pack("reason");
    private static final byte[] PAYLOAD = SkynetPack.pack("payload");
    private static final byte[] TYPE = SkynetPack.pack("type");
    private static final byte[] SEQ = SkynetPack.pack("seq");

    private EventTables() {}

    /** {@code skynet.pack(table)} of the event, without {@code seq}. */
    public static byte[] pack(RoomEvent e) {
        SkynetPack.Writer w = new SkynetPack.Writer(512);
        w.tableStart(0);
        w.raw(ID);
        w.integer(e.id());
        if (e.time() != null) {
            w.raw(TIME);
            w.string(isoInstant(e.time()));
        }
        string(w, NODE, e.node());
        string(w, ROOM, e.room());
        e.accept(new KindFields(w));
        w.raw(TYPE);
        w.string(e.type().wire());
        w.tableEnd();
        return w.toByteArray();
    }

    /** The fields only some kinds have, in their JSON order (after {@code room}). */
    private record KindFields(SkynetPack.Writer w) implements RoomEvent.Visitor<Void> {
        @Override
        public Void roomCreated(RoomEvent.RoomCreated e) {
            string(w, ROOM_ID, e.roomId());
            return null;
        }

        @Override
        public Void roomClosed(RoomEvent.RoomClosed e) {
            string(w, ROOM_ID, e.roomId());
            string(w, REASON, e.reason() == null ? null : e.reason().wire());
            return null;
        }

        @Override
        public Void peerJoined(RoomEvent.PeerJoined e) {
            string(w, PEER, e.peer());
            string(w, IDENTITY, e.identity());
            string(w, NAME, e.name());
            json(w, META, e.meta());
            return null;
        }

        @Override
        public Void peerLeft(RoomEvent.PeerLeft e) {
            string(w, PEER, e.peer());
            string(w, IDENTITY, e.identity());
            string(w, REASON, e.reason() == null ? null : e.reason().wire());
            return null;
        }

        @Override
        public Void peerResumed(RoomEvent.PeerResumed e) {
            string(w, PEER, e.peer());
            string(w, IDENTITY, e.identity());
            return null;
        }

        @Override
        public Void peerData(RoomEvent.PeerData e) {
            string(w, PEER, e.peer());
            string(w, IDENTITY, e.identity());
            json(w, PAYLOAD, e.payload());
            return null;
        }
    }

    /**
     * {@code packedTable} (a packed table as the last value) with {@code seq = N} added: a packed table
     * ends with the nil byte that closes its hash part, so the pair goes just before it.
     */
    public static byte[] withSeq(byte[] packedTable, long seq) {
        SkynetPack.Writer w = new SkynetPack.Writer(packedTable.length + SEQ.length
                + SkynetPack.Writer.integerBytes(seq));
        w.raw(packedTable, 0, packedTable.length - 1);
        w.raw(SEQ);
        w.integer(seq);
        w.tableEnd();
        return w.toByteArray();  // sized exactly: no copy
    }

    private static void string(SkynetPack.Writer w, byte[] key, String value) {
        if (value != null) {
            w.raw(key);
            w.string(value);
        }
    }

    private static void json(SkynetPack.Writer w, byte[] key, JsonNode value) {
        if (!absent(value)) {
            w.raw(key);
            json(w, value, 1);
        }
    }

    private static boolean absent(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode();
    }

    /** A present JSON value at {@code depth} (the event table is depth 0). */
    private static void json(SkynetPack.Writer w, JsonNode n, int depth) {
        SkynetPack.Writer.checkDepth(depth);
        if (n.isObject()) {
            w.tableStart(0);
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                if (!absent(f.getValue())) {
                    SkynetPack.Writer.checkDepth(depth + 1);
                    w.string(f.getKey());
                    json(w, f.getValue(), depth + 1);
                }
            }
            w.tableEnd();
        } else if (n.isArray()) {
            array(w, n, depth);
        } else if (n.isIntegralNumber() && n.canConvertToLong()) {
            w.integer(n.asLong());
        } else if (n.isNumber()) {
            w.real(n.asDouble());
        } else if (n.isBoolean()) {
            w.bool(n.asBoolean());
        } else {
            w.string(n.asText());
        }
    }

    /**
     * Lua's array part is the run of values before the first null; the values after it are key/value
     * pairs with their 1-based index as the key (a table with holes).
     */
    private static void array(SkynetPack.Writer w, JsonNode n, int depth) {
        int size = n.size();
        int run = 0;
        while (run < size && !n.get(run).isNull()) {
            run++;
        }
        w.tableStart(run);
        for (int i = 0; i < run; i++) {
            json(w, n.get(i), depth + 1);
        }
        for (int i = run; i < size; i++) {
            if (!n.get(i).isNull()) {
                SkynetPack.Writer.checkDepth(depth + 1);
                w.integer(i + 1);
                json(w, n.get(i), depth + 1);
            }
        }
        w.tableEnd();
    }

    /** What {@link Instant#toString} (ISO_INSTANT) gives, without a formatter per event. */
    static String isoInstant(Instant t) {
        long seconds = t.getEpochSecond();
        long days = Math.floorDiv(seconds, 86_400);
        if (days < -719_528 || days > 2_932_896) {  // outside 0000-01-01 .. 9999-12-31
            return t.toString();
        }
        java.time.LocalDate date = java.time.LocalDate.ofEpochDay(days);
        int secOfDay = (int) Math.floorMod(seconds, 86_400);
        char[] c = new char[30];
        int at = digits(c, 0, date.getYear(), 4);
        c[at++] = '-';
        at = digits(c, at, date.getMonthValue(), 2);
        c[at++] = '-';
        at = digits(c, at, date.getDayOfMonth(), 2);
        c[at++] = 'T';
        at = digits(c, at, secOfDay / 3600, 2);
        c[at++] = ':';
        at = digits(c, at, secOfDay / 60 % 60, 2);
        c[at++] = ':';
        at = digits(c, at, secOfDay % 60, 2);
        int nano = t.getNano();
        if (nano != 0) {
            c[at++] = '.';
            if (nano % 1_000_000 == 0) {
                at = digits(c, at, nano / 1_000_000, 3);
            } else if (nano % 1000 == 0) {
                at = digits(c, at, nano / 1000, 6);
            } else {
                at = digits(c, at, nano, 9);
            }
        }
        c[at++] = 'Z';
        return new String(c, 0, at);
    }

    private static int digits(char[] c, int at, int value, int width) {
        for (int i = width - 1; i >= 0; i--) {
            c[at + i] = (char) ('0' + value % 10);
            value /= 10;
        }
        return at + width;
    }
}
