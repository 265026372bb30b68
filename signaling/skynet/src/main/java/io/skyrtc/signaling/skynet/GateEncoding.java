package io.skyrtc.signaling.skynet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.skyrtc.signaling.events.RoomEvent;
import io.skyrtc.signaling.skynet.cluster.LuaValues;
import io.skyrtc.signaling.skynet.cluster.SkynetPack;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * How a gate link writes what it sends ({@code actorCore.gates[].encoding}): {@code json}, one
 * {"name","data"} envelope per packet, or {@code skynet}, {@code skynet.pack}ed values that the agent
 * decodes in C with {@code skynet.unpack}, several events per packet. The outbox keeps one encoded event
 * per entry; {@link #writeEvents} turns consecutive entries into packets.
 */
sealed interface GateEncoding permits GateEncoding.Json, GateEncoding.Skynet {
    /** An event encoded once, outside the outbox lock; {@link #withSeq} splices the seq in under it. */
    interface Prepared {
        byte[] withSeq(long seq);
    }

    static GateEncoding of(String encoding, ObjectMapper json) {
        return encoding.equals("skynet") ? new Skynet(json) : new Json(json);
    }

    Prepared prepare(RoomEvent event);

    /** Bytes a packet adds around one event (the event must fit maxPayloadBytes with them). */
    int packetOverhead();

    byte[] hello(Map<String, Object> fields);

    /** A command result: the data of {"name":"result","data":{id, ok, result | error}}. */
    byte[] result(ObjectNode data);

    /**
     * Writes {@code entries} (consecutive seqs) as packets of at most {@code maxPayload} bytes and
     * {@code batchMax} events each; returns the number of packets.
     */
    int writeEvents(List<Outbox.Entry> entries, GateTransport.Connection c, int maxPayload, int batchMax)
            throws IOException;

    /** {"name": type, "data": {...event..., "seq": N}}: one event per packet. */
    record Json(ObjectMapper json) implements GateEncoding {
        @Override
        public Prepared prepare(RoomEvent event) {
            GateLink.Envelope e = new GateLink.Envelope(json, event);
            return e::withSeq;
        }

        @Override
        public int packetOverhead() {
            return 0;
        }

        @Override
        public byte[] hello(Map<String, Object> fields) {
            return envelope("hello", json.valueToTree(fields));
        }

        @Override
        public byte[] result(ObjectNode data) {
            return envelope("result", data);
        }

        private byte[] envelope(String name, JsonNode data) {
            ObjectNode envelope = json.createObjectNode().put("name", name);
            envelope.set("data", data);
            try {
                return json.writeValueAsBytes(envelope);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public int writeEvents(List<Outbox.Entry> entries, GateTransport.Connection c, int maxPayload, int batchMax)
                throws IOException {
            for (Outbox.Entry e : entries) {
                c.write(e.payload());
            }
            return entries.size();
        }
    }

    /**
     * {@code skynet.pack("events", ev1, ev2, ...)}: the agent's {@code skynet.unpack} returns "events"
     * and the event tables ({type = "peer.joined", seq = N, id = ..., ...}) in seq order. Hello and
     * results are {@code skynet.pack("hello", {...})} and {@code skynet.pack("result", {...})}.
     */
    record Skynet(ObjectMapper json) implements GateEncoding {
        static final byte[] EVENTS = SkynetPack.pack("events");

        @Override
        public Prepared prepare(RoomEvent event) {
            byte[] base = EventTables.pack(event);
            return seq -> EventTables.withSeq(base, seq);
        }

        @Override
        public int packetOverhead() {
            return EVENTS.length;
        }

        @Override
        public byte[] hello(Map<String, Object> fields) {
            return SkynetPack.pack("hello", fields);
        }

        @Override
        public byte[] result(ObjectNode data) {
            return SkynetPack.pack("result", LuaValues.fromJson(data));
        }

        @Override
        public int writeEvents(List<Outbox.Entry> entries, GateTransport.Connection c, int maxPayload, int batchMax)
                throws IOException {
            int from = 0, length = EVENTS.length, packets = 0;
            for (int i = 0; i < entries.size(); i++) {
                int size = entries.get(i).payload().length;
                if (i > from && (i - from == batchMax || length + size > maxPayload)) {
                    c.write(EVENTS, entries, from, i, length);
                    packets++;
                    from = i;
                    length = EVENTS.length;
                }
                length += size;
            }
            if (from < entries.size()) {
                c.write(EVENTS, entries, from, entries.size(), length);
                packets++;
            }
            return packets;
        }
    }

    /** The first byte of a JSON envelope; a skynet.pack'ed message never starts with it (userdata type). */
    static boolean isJson(byte[] payload) {
        return payload.length > 0 && payload[0] == '{';
    }
}
