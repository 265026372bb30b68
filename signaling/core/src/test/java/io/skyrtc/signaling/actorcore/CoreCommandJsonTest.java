package io.skyrtc.signaling.actorcore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.skyrtc.signaling.room.RoomSnapshot;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The actor-core commands' JSON form: parsed once into the typed model, results back as docs/ACTOR-CORE.md shows. */
class CoreCommandJsonTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    static CoreFailure failure(String name, String data) throws Exception {
        JsonNode d = data == null ? null : json(data);
        return catchThrowableOfType(() -> CoreCommandJson.parse(name, d), CoreFailure.class);
    }

    @Test
    void eachCommandParsesToItsRecord() throws Exception {
        assertThat(CoreCommandJson.parse("kick", json("{\"id\":1,\"room\":\"r\",\"peer\":\"p_1\"}")))
                .isEqualTo(new CoreCommand.Kick("r", "p_1", "by the game server"));
        assertThat(CoreCommandJson.parse("close-room", json("{\"room\":\"r\",\"reason\":\"over\"}")))
                .isEqualTo(new CoreCommand.CloseRoom("r", "over"));
        assertThat(CoreCommandJson.parse("send", json("{\"room\":\"r\",\"payload\":{\"a\":1}}")))
                .isEqualTo(new CoreCommand.Send("r", null, json("{\"a\":1}")));
        assertThat(CoreCommandJson.parse("list-rooms", null)).isEqualTo(new CoreCommand.ListRooms());
        assertThat(CoreCommandJson.parse("room-info", json("{\"room\":\"r\"}")).name())
                .isEqualTo(CoreCommand.Name.ROOM_INFO);
    }

    @Test
    void badCommandsFailWithACodeAndTheField() throws Exception {
        CoreFailure unknown = failure("explode", "{}");
        assertThat(unknown.code()).isEqualTo(CoreFailure.Code.UNKNOWN_COMMAND);
        assertThat(unknown.code().wire()).isEqualTo("unknown-command");

        CoreFailure typo = failure("kick", "{\"room\":\"r\",\"peer\":\"p\",\"reson\":\"x\"}");
        assertThat(typo.code().wire()).isEqualTo("bad-request");
        assertThat(typo.field()).isEqualTo("reson");

        assertThat(failure("kick", "{\"room\":\"r\"}").field()).isEqualTo("peer");
        assertThat(failure("room-info", "{\"room\":\"\"}").field()).isEqualTo("room");
        assertThat(failure("room-info", "{\"room\":\"" + "x".repeat(257) + "\"}").field()).isEqualTo("room");
        assertThat(CoreCommandJson.parse("room-info", json("{\"room\":\"" + "x".repeat(256) + "\"}"))).isNotNull();
        assertThat(failure("send", "{\"room\":\"r\"}").field()).isEqualTo("payload");
        CoreFailure notObject = failure("kick", "[1]");
        assertThat(notObject.code()).isEqualTo(CoreFailure.Code.BAD_REQUEST);
        assertThat(notObject.field()).isNull();
    }

    @Test
    void resultsSerializeAsTheDocumentedObjects() throws Exception {
        CoreCommandJson codec = new CoreCommandJson(JSON);
        assertThat(codec.toJson(new CoreResult.Kicked("p_1"))).isEqualTo(json("{\"kicked\":\"p_1\"}"));
        assertThat(codec.toJson(new CoreResult.Closed(2))).isEqualTo(json("{\"removedPeers\":2}"));
        assertThat(codec.toJson(new CoreResult.Delivered(0))).isEqualTo(json("{\"delivered\":0}"));
        assertThat(codec.toJson(new CoreResult.Rooms(List.of("a", "b")))).isEqualTo(json("{\"rooms\":[\"a\",\"b\"]}"));
        RoomSnapshot s = new RoomSnapshot("r", "rm_1", List.of(new RoomSnapshot.Member("p_1", "ann", "u1", true)));
        assertThat(codec.toJson(new CoreResult.Info(s))).isEqualTo(json(
                "{\"room\":\"r\",\"roomId\":\"rm_1\",\"peers\":[{\"peerId\":\"p_1\",\"name\":\"ann\",\"identity\":\"u1\",\"attached\":true}]}"));
    }

    @Test
    void theNamesAreTheWireNamesWithTheirPositionalFields() {
        assertThat(CoreCommand.Name.wireNames()).containsExactly("kick", "close-room", "send", "list-rooms", "room-info");
        assertThat(CoreCommand.Name.KICK.fields()).containsExactly("room", "peer", "reason");
        assertThat(CoreCommand.Name.of("close-room")).isEqualTo(CoreCommand.Name.CLOSE_ROOM);
        assertThat(CoreCommand.Name.of("close_room")).isNull();
    }
}
