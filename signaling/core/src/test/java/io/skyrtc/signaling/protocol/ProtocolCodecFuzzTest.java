package io.skyrtc.signaling.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * A WebSocket text frame's bytes, as any client may send them: {@link ProtocolCodec#decode} yields a
 * {@link ClientMessage} that keeps every documented rule (PROTOCOL.md: room charset and length, name,
 * meta (join and update), id, peer ids, SDP size, candidate shape, payload present), or throws {@link ProtocolException}
 * with an error code and a message: never anything else (a RuntimeException there is a socket that
 * gets no reply). An accepted offer or answer relays with its SDP text intact.
 */
class ProtocolCodecFuzzTest {
    private static final ProtocolLimits LIMITS = ProtocolLimits.DEFAULTS;
    private static final ProtocolCodec CODEC = new ProtocolCodec(LIMITS);

    @FuzzTest
    void decodeGivesAValidMessageOrProtocolException(byte[] frame) throws Exception {
        ClientMessage m;
        try {
            m = CODEC.decode(frame, 0, frame.length);
        } catch (ProtocolException refused) {
            assertThat(refused.code()).isNotNull();
            assertThat(refused.getMessage()).isNotBlank();
            return;
        }
        assertThat(m).isNotNull();
        if (m.id() != null) {
            assertThat(m.id().length()).isLessThanOrEqualTo(LIMITS.maxIdChars());
        }
        if (m instanceof ClientMessage.Join j) {
            assertThat(j.room()).isNotEmpty().hasSizeLessThanOrEqualTo(LIMITS.maxRoomChars())
                    .matches("[A-Za-z0-9_.~-]+");
            if (j.name() != null) {
                assertThat(j.name()).isNotBlank();
                assertThat(j.name().codePointCount(0, j.name().length())).isLessThanOrEqualTo(LIMITS.maxNameChars());
                assertThat(j.name().chars().noneMatch(Character::isISOControl)).isTrue();
            }
            if (j.meta() != null && !j.meta().isNull()) {
                assertThat(j.meta().isObject()).isTrue();
                assertThat(utf8(j.meta().toString())).isLessThanOrEqualTo(LIMITS.maxMetaBytes());
            }
            if (j.resume() != null) {
                assertThat(j.resume()).isNotEmpty();
            }
            if (j.received() != null) {
                assertThat(j.received()).isNotNegative();
                assertThat(j.resume()).isNotNull();
            }
        } else if (m instanceof ClientMessage.Offer o) {
            checkRelay(o.to(), o.sdp(), new ServerMessage.Offer("p_from", o.sdp()));
        } else if (m instanceof ClientMessage.Answer a) {
            checkRelay(a.to(), a.sdp(), new ServerMessage.Answer("p_from", a.sdp()));
        } else if (m instanceof ClientMessage.Candidate c) {
            assertThat(c.to()).isNotEmpty();
            assertThat(c.candidate()).isNotNull();
            assertThat(c.candidate().isNull() || c.candidate().isObject()).isTrue();
        } else if (m instanceof ClientMessage.Data d) {
            assertThat(d.to() == null || !d.to().isEmpty()).isTrue();
            assertThat(d.payload()).isNotNull();
        } else if (m instanceof ClientMessage.Update u) {
            assertThat(u.meta().isObject()).isTrue();
            assertThat(utf8(u.meta().toString())).isLessThanOrEqualTo(LIMITS.maxMetaBytes());
        }
    }

    /** The peer id is there, the SDP is within its limit, and the relayed frame carries the same text. */
    private static void checkRelay(String to, Sdp sdp, ServerMessage relayed) throws Exception {
        assertThat(to).isNotEmpty();
        String text = sdp.text();
        assertThat(text).isNotEmpty();
        assertThat(utf8(text)).isLessThanOrEqualTo(LIMITS.maxSdpBytes());
        byte[] frame = CODEC.encode(relayed);
        assertThat(CODEC.mapper().readTree(frame).get("sdp").textValue()).isEqualTo(text);
    }

    private static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
