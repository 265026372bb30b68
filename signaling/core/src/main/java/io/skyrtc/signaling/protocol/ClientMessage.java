package io.skyrtc.signaling.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Everything a client may send on {@code /ws}. One sealed hierarchy so handlers switch over it
 * exhaustively; the {@code type} property selects the record. Every message may carry an {@code id}
 * that the server echoes as {@code ref} in an {@link ServerMessage.Error}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ClientMessage.Join.class, name = "join"),
    @JsonSubTypes.Type(value = ClientMessage.Offer.class, name = "offer"),
    @JsonSubTypes.Type(value = ClientMessage.Answer.class, name = "answer"),
    @JsonSubTypes.Type(value = ClientMessage.Candidate.class, name = "candidate"),
    @JsonSubTypes.Type(value = ClientMessage.Data.class, name = "data"),
    @JsonSubTypes.Type(value = ClientMessage.Update.class, name = "update"),
    @JsonSubTypes.Type(value = ClientMessage.Leave.class, name = "leave"),
    @JsonSubTypes.Type(value = ClientMessage.Ping.class, name = "ping"),
})
public sealed interface ClientMessage {

    /** Client-chosen correlation id, echoed as {@code ref} in errors; may be null. */
    String id();

    /** Exhaustive dispatch: adding a message type breaks every visitor until it handles it. */
    <R> R accept(Visitor<R> visitor);

    interface Visitor<R> {
        R join(Join m);

        R offer(Offer m);

        R answer(Answer m);

        R candidate(Candidate m);

        R data(Data m);

        R update(Update m);

        R leave(Leave m);

        R ping(Ping m);
    }

    /**
     * Join a room, or re-attach to a peer with {@code resume}. With resume, {@code received} is the
     * number of room frames (peer-joined, peer-left, offer, answer, candidate, data) the client got
     * since its last welcome; frames after that are replayed. Null = assume all arrived.
     */
    record Join(String id, String room, String name, String token, String resume, JsonNode meta, Long received)
            implements ClientMessage {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.join(this);
        }
    }

    /** SDP offer for one peer in the room. */
    record Offer(String id, String to, Sdp sdp) implements ClientMessage, Addressed {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.offer(this);
        }
    }

    /** SDP answer for one peer in the room. */
    record Answer(String id, String to, Sdp sdp) implements ClientMessage, Addressed {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.answer(this);
        }
    }

    /** Trickled ICE candidate (RTCIceCandidateInit) for one peer; a null candidate ends gathering. */
    record Candidate(String id, String to, JsonNode candidate) implements ClientMessage, Addressed {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.candidate(this);
        }
    }

    /**
     * Application data for one peer, or for every other peer when {@code to} is null. The payload is
     * kept as the JSON text the client wrote and relayed unchanged.
     */
    record Data(String id, String to, RawJson payload) implements ClientMessage {
        /** Data whose payload is given as a tree (tools, tests). */
        public Data(String id, String to, JsonNode payload) {
            this(id, to, RawJson.of(payload));
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.data(this);
        }
    }

    /**
     * Replaces what the others see as this peer's {@code meta} (mute and camera state, a status); they get
     * {@code peer-updated}. The same limits as {@code join.meta}.
     */
    record Update(String id, JsonNode meta) implements ClientMessage {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.update(this);
        }
    }

    record Leave(String id) implements ClientMessage {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.leave(this);
        }
    }

    record Ping(String id) implements ClientMessage {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.ping(this);
        }
    }

    /** Messages relayed to exactly one other peer. */
    sealed interface Addressed permits Offer, Answer, Candidate {
        String to();
    }
}
