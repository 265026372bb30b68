package io.skyrtc.signaling.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.skyrtc.signaling.http.ApiHandler;
import io.skyrtc.signaling.room.CloseReason;
import io.skyrtc.signaling.room.LeaveReason;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Each kind of room event as the gate's JSON encoding writes it (the links' mapper): its fields in the
 * documented order (docs/ACTOR-CORE.md), absent ones left out, reasons as their wire strings, no type.
 */
class RoomEventJsonTest {
    static final ObjectMapper JSON = ApiHandler.strictMapper();
    static final Instant T = Instant.parse("2026-12-05T10:00:00.120Z");
    static final String HEAD = "{\"id\":7,\"time\":\"2026-12-05T10:00:00.120Z\",\"node\":\"rtc-1\",\"room\":\"r\"";

    static String json(RoomEvent e) throws Exception {
        return JSON.writeValueAsString(e);
    }

    @Test
    void everyKindWritesItsOwnFieldsInTheDocumentedOrder() throws Exception {
        assertThat(json(new RoomEvent.RoomCreated(7, T, "rtc-1", "r", "rm_1"))).isEqualTo(HEAD + ",\"roomId\":\"rm_1\"}");
        assertThat(json(new RoomEvent.RoomClosed(7, T, "rtc-1", "r", "rm_1", CloseReason.EMPTY)))
                .isEqualTo(HEAD + ",\"roomId\":\"rm_1\",\"reason\":\"empty\"}");
        assertThat(json(new RoomEvent.PeerJoined(7, T, "rtc-1", "r", "p_1", "u1", "Ann",
                JSON.createObjectNode().put("team", 2))))
                .isEqualTo(HEAD + ",\"peer\":\"p_1\",\"identity\":\"u1\",\"name\":\"Ann\",\"meta\":{\"team\":2}}");
        assertThat(json(new RoomEvent.PeerJoined(7, T, "rtc-1", "r", "p_1", "u1", null, null)))
                .isEqualTo(HEAD + ",\"peer\":\"p_1\",\"identity\":\"u1\"}");
        assertThat(json(new RoomEvent.PeerLeft(7, T, "rtc-1", "r", "p_1", "u1", LeaveReason.TIMEOUT)))
                .isEqualTo(HEAD + ",\"peer\":\"p_1\",\"identity\":\"u1\",\"reason\":\"timeout\"}");
        assertThat(json(new RoomEvent.PeerResumed(7, T, "rtc-1", "r", "p_1", "u1")))
                .isEqualTo(HEAD + ",\"peer\":\"p_1\",\"identity\":\"u1\"}");
        assertThat(json(new RoomEvent.PeerData(7, T, "rtc-1", "r", "p_1", "u1", JSON.createArrayNode().add(1))))
                .isEqualTo(HEAD + ",\"peer\":\"p_1\",\"identity\":\"u1\",\"payload\":[1]}");
    }

    @Test
    void reasonsKeepTheirWireStrings() {
        assertThat(java.util.Arrays.stream(LeaveReason.values()).map(LeaveReason::wire))
                .containsExactly("leave", "timeout", "kicked", "shutdown", "moved", "error");
        assertThat(java.util.Arrays.stream(CloseReason.values()).map(CloseReason::wire))
                .containsExactly("empty", "closed", "shutdown", "moved", "error");
    }
}
