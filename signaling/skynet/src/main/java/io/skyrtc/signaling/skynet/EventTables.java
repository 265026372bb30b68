package io.skyrtc.signaling.skynet;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.skyrtc.signaling.events.RoomEvent;
import io.skyrtc.signaling.skynet.cluster.LuaValues;
import io.skyrtc.signaling.skynet.cluster.SkynetPack;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A room event as the Lua table skynet services get (the gate's skynet encoding and the cluster link
 * alike), packed once without its seq: the seq is spliced in when the outbox assigns it.
 */
public final class EventTables {
    private EventTables() {}

    /**
     * The event as a Lua table: {type="peer.joined", id=.., time=.., node=.., room=.., ...}; {@code type}
     * because {@code name} is a field of peer.joined (the peer's display name).
     */
    public static Map<Object, Object> of(ObjectMapper json, RoomEvent event) {
        Object fields = LuaValues.fromJson(json.valueToTree(event));
        @SuppressWarnings("unchecked")  // an event serializes to a JSON object: fromJson makes it a fresh map
        Map<Object, Object> table = fields instanceof Map<?, ?> m ? (Map<Object, Object>) m : new LinkedHashMap<>();
        table.put("type", event.type().wire());
        return table;
    }

    /**
     * {@code packedTable} (a packed table as the last value) with {@code seq = N} added: a packed table
     * ends with the nil byte that closes its hash part, so the pair goes just before it.
     */
    public static byte[] withSeq(byte[] packedTable, long seq) {
        byte[] pair = SkynetPack.pack("seq", seq);
        byte[] out = new byte[packedTable.length + pair.length];
        System.arraycopy(packedTable, 0, out, 0, packedTable.length - 1);
        System.arraycopy(pair, 0, out, packedTable.length - 1, pair.length);
        out[out.length - 1] = 0;
        return out;
    }
}
