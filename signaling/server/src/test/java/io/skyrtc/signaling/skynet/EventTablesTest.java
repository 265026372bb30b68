package io.skyrtc.signaling.skynet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.skyrtc.signaling.events.RoomEvent;
import io.skyrtc.signaling.room.CloseReason;
import io.skyrtc.signaling.room.LeaveReason;
import io.skyrtc.signaling.http.ApiHandler;
import io.skyrtc.signaling.skynet.cluster.LuaValues;
import io.skyrtc.signaling.skynet.cluster.SkynetPack;
import io.skyrtc.signaling.skynet.cluster.SkynetPackException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The event table written straight from the record is, byte for byte, what the general path gives:
 * the event as JSON (the links' mapper), that JSON as Lua values, skynet.pack. The general path is
 * kept here as the reference.
 */
class EventTablesTest {
    static final ObjectMapper GATE_JSON = ApiHandler.strictMapper();
    static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** What EventTables.pack replaced: valueToTree, LuaValues.fromJson, then "type", then skynet.pack. */
    static byte[] reference(RoomEvent event) {
        @SuppressWarnings("unchecked")
        Map<Object, Object> table = (Map<Object, Object>) LuaValues.fromJson(GATE_JSON.valueToTree(event));
        Map<Object, Object> t = table == null ? new LinkedHashMap<>() : table;
        t.put("type", event.type().wire());
        return SkynetPack.pack(t);
    }

    /** An event of that kind, each of its optional fields present or not at random. */
    static RoomEvent event(RoomEvent.Type type, Instant time, JsonNode meta, JsonNode payload, Random r) {
        long id = r.nextLong() >>> 1;
        String room = "room-" + r.nextInt(9);
        String roomId = r.nextBoolean() ? "r_" + r.nextInt() : null;
        String peer = r.nextBoolean() ? "p_" + r.nextInt() : null;
        String identity = r.nextBoolean() ? "alice" : null;
        String name = r.nextBoolean() ? "Ålice ☃ 😀" : null;
        return switch (type) {
            case ROOM_CREATED -> new RoomEvent.RoomCreated(id, time, "rtc-1", room, roomId);
            case ROOM_CLOSED -> new RoomEvent.RoomClosed(id, time, "rtc-1", room, roomId,
                    CloseReason.values()[r.nextInt(CloseReason.values().length)]);
            case PEER_JOINED -> new RoomEvent.PeerJoined(id, time, "rtc-1", room, peer, identity, name, meta);
            case PEER_LEFT -> new RoomEvent.PeerLeft(id, time, "rtc-1", room, peer, identity,
                    LeaveReason.values()[r.nextInt(LeaveReason.values().length)]);
            case PEER_RESUMED -> new RoomEvent.PeerResumed(id, time, "rtc-1", room, peer, identity);
            case PEER_DATA -> new RoomEvent.PeerData(id, time, "rtc-1", room, peer, identity, payload);
        };
    }

    /** A random JSON value: every node type, nulls in objects and arrays, numbers of every width. */
    static JsonNode value(Random r, int depth) {
        int kind = r.nextInt(depth > 4 ? 9 : 11);
        switch (kind) {
            case 0: return F.nullNode();
            case 1: return F.booleanNode(r.nextBoolean());
            case 2: return F.numberNode(r.nextInt(300) - 150);
            case 3: return F.numberNode(r.nextLong());
            case 4: return F.numberNode(new BigInteger(90, r).negate());      // beyond a long: a float in Lua
            case 5: return F.numberNode(new BigDecimal(r.nextInt() + "." + r.nextInt(1000)));
            case 6: return F.numberNode(r.nextDouble() * 1e300);
            case 7: return F.textNode("x".repeat(r.nextInt(40)) + (r.nextBoolean() ? "é😀" : ""));
            case 8: return F.textNode("");
            case 9: {
                ObjectNode o = F.objectNode();
                for (int i = r.nextInt(5); i > 0; i--) {
                    o.set("k" + r.nextInt(20), value(r, depth + 1));
                }
                return o;
            }
            default: {
                ArrayNode a = F.arrayNode();
                for (int i = r.nextInt(6); i > 0; i--) {
                    a.add(value(r, depth + 1));
                }
                return a;
            }
        }
    }

    @Test
    void everyEventPacksAsTheGeneralPathDoes() {
        Random r = new Random(19);
        Instant[] times = {Instant.parse("2026-11-21T14:00:00Z"), Instant.parse("2026-11-21T14:00:00.120Z"),
                Instant.parse("2026-11-21T14:00:00.000123Z"), Instant.parse("2026-11-21T14:00:00.000000007Z"), null};
        for (int i = 0; i < 5000; i++) {
            RoomEvent.Type type = RoomEvent.Type.values()[i % RoomEvent.Type.values().length];
            Instant t = i < times.length ? times[i] : Instant.ofEpochSecond(r.nextInt(2_000_000_000), r.nextInt(1_000_000_000));
            JsonNode meta = r.nextInt(4) == 0 ? null : value(r, 0);
            JsonNode payload = r.nextInt(4) == 0 ? null : value(r, 0);
            RoomEvent e = event(type, t, meta, payload, r);
            assertThat(EventTables.pack(e)).as("event %d: %s", i, e).isEqualTo(reference(e));
        }
    }

    @Test
    void aPayloadParsedFromAPeersTextPacksAsTheGeneralPathDoes() throws Exception {
        // the room hands over the payload as RawJson.tree() makes it: BigDecimal and BigInteger nodes
        ObjectMapper trees = new ObjectMapper()
                .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);
        String[] texts = {"{\"a\":1E+2,\"b\":-0,\"c\":0.1,\"d\":9007199254740993,\"e\":1e999999}",
            "[null,1,null,[2,null]]", "[1,2,null,4]", "[null,null]", "[]", "{}", "{\"x\":null,\"y\":[true,false]}",
            "123456789012345678901234567890", "\"\\u0000\\u00e9\"", "-1.5e-300"};
        Random r = new Random(7);
        for (String text : texts) {
            RoomEvent e = event(RoomEvent.Type.PEER_DATA, Instant.now(), null, trees.readTree(text), r);
            assertThat(EventTables.pack(e)).as(text).isEqualTo(reference(e));
        }
    }

    @Test
    void aPayloadTooDeepForSkynetIsRefusedAsTheGeneralPathRefusesIt() {
        for (int depth : new int[] {30, 31, 32}) {
            JsonNode deep = F.numberNode(1);
            for (int i = 0; i < depth; i++) {
                deep = F.arrayNode().add(deep);
            }
            RoomEvent e = event(RoomEvent.Type.PEER_DATA, Instant.EPOCH, null, deep, new Random(1));
            Throwable expected = catchThrowable(() -> reference(e));
            if (expected == null) {
                assertThat(EventTables.pack(e)).isEqualTo(reference(e));
            } else {
                assertThatThrownBy(() -> EventTables.pack(e)).isInstanceOf(SkynetPackException.class)
                        .hasMessage(expected.getMessage());
            }
        }
    }

    @Test
    void timesAreWrittenAsInstantToStringWrites() {
        Random r = new Random(3);
        long[] seconds = {0, -1, 253_402_300_799L, 253_402_300_800L, -62_167_219_200L, -62_167_219_201L, 951_782_400L};
        for (long s : seconds) {
            for (int nano : new int[] {0, 1, 999_999_999, 1_000_000, 120_000_000, 123_000, 7}) {
                Instant t = Instant.ofEpochSecond(s, nano);
                assertThat(EventTables.isoInstant(t)).isEqualTo(t.toString());
            }
        }
        for (int i = 0; i < 100_000; i++) {
            Instant t = Instant.ofEpochSecond(r.nextLong() % 400_000_000_000L, r.nextInt(4) == 0 ? 0 : r.nextInt(1_000_000_000));
            assertThat(EventTables.isoInstant(t)).isEqualTo(t.toString());
        }
    }

    private static Throwable catchThrowable(Runnable r) {
        try {
            r.run();
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }
}
