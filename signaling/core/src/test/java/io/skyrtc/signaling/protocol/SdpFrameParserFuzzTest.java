package io.skyrtc.signaling.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Differential: the hand-written offer/answer reader ({@link SdpFrameParser}) against Jackson on the
 * same bytes. Whatever the fast path accepts, Jackson reads as the very same record; anything else it
 * must leave to Jackson (null). Its {@link Sdp} answers size questions as the decoded text would, and
 * the relayed frame ({@link SdpFrames}, which may copy the received literal) is byte for byte what
 * Jackson writes for the same message.
 */
class SdpFrameParserFuzzTest {
    private static final ProtocolCodec CODEC = new ProtocolCodec(ProtocolLimits.DEFAULTS);
    private static final ObjectReader JACKSON = CODEC.mapper().readerFor(ClientMessage.class);
    private static final ObjectWriter JACKSON_OUT = CODEC.mapper().writerFor(ServerMessage.class);

    @FuzzTest
    void fastPathAgreesWithJacksonOrStepsAside(byte[] frame) throws IOException {
        ClientMessage fast = SdpFrameParser.parse(frame, 0, frame.length);
        if (fast == null) {
            return;
        }
        ClientMessage slow;
        try {
            slow = JACKSON.readValue(frame, 0, frame.length);
        } catch (IOException e) {
            fail("the fast path took what Jackson refuses (%s): %s", e.getMessage(),
                    new String(frame, StandardCharsets.UTF_8));
            return;
        }
        assertThat(fast).as("fast path on %s", new String(frame, StandardCharsets.UTF_8)).isEqualTo(slow);

        Sdp sdp = fast instanceof ClientMessage.Offer o ? o.sdp() : ((ClientMessage.Answer) fast).sdp();
        String text = sdp.text();
        int utf8 = text.getBytes(StandardCharsets.UTF_8).length;
        assertThat(sdp.isEmpty()).isEqualTo(text.isEmpty());
        for (int max : new int[] {0, utf8 - 1, utf8, utf8 + 1}) {
            assertThat(sdp.longerThan(max)).as("longerThan(%d) of %d bytes", max, utf8).isEqualTo(utf8 > max);
        }
        ServerMessage relayed = fast instanceof ClientMessage.Offer
                ? new ServerMessage.Offer("p_from", sdp) : new ServerMessage.Answer("p_from", sdp);
        assertThat(new String(CODEC.encode(relayed), StandardCharsets.UTF_8))
                .isEqualTo(new String(JACKSON_OUT.writeValueAsBytes(relayed), StandardCharsets.UTF_8));
    }
}
