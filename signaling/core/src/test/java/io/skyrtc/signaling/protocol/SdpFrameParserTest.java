package io.skyrtc.signaling.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The hand-written offer/answer reader against Jackson on the same bytes: whatever it accepts, Jackson
 * reads as the very same record; whatever Jackson rejects, it leaves alone.
 */
class SdpFrameParserTest {
    private static final String SDP = "v=0\\r\\no=- 4611731400430051336 2 IN IP4 127.0.0.1\\r\\ns=-\\r\\n"
            + "a=fingerprint:sha-256 AB:CD\\r\\na=ice-pwd:\\\"q\\\\u\\/x\\\"\\tb\\bf\\f\\r\\n";
    private static final List<String> ACCEPTED = List.of(
            "{\"type\":\"offer\",\"to\":\"p_b\",\"sdp\":\"" + SDP + "\"}",
            "{\"type\":\"answer\",\"to\":\"p_a\",\"sdp\":\"v=0\",\"id\":\"7\"}",
            " \r\n\t{ \"sdp\" : \"x\" , \"id\":\"\", \"to\":\"p\",\n\"type\":\"offer\" }\t\r\n ",
            "{\"id\":\"42\",\"sdp\":\"\",\"type\":\"answer\",\"to\":\"\"}",
            "{\"to\":\"p_1\",\"type\":\"offer\",\"sdp\":\"\\\\\\\"\\/\u007f~\"}");
    private static final List<String> LEFT_TO_JACKSON = List.of(
            "{\"type\":\"offer\",\"to\":\"p_b\",\"sdp\":\"caf\\u00e9\"}",
            "{\"type\":\"offer\",\"to\":\"p_b\",\"sdp\":\"café\"}",
            "{\"type\":\"offer\",\"to\":\"p_b\",\"sdp\":\"x\",\"extra\":1}",
            "{\"type\":\"offer\",\"to\":\"p_b\",\"sdp\":\"x\",\"to\":\"p_c\"}",
            "{\"type\":\"offer\",\"to\":null,\"sdp\":\"x\"}",
            "{\"type\":\"offer\",\"to\":\"p_b\",\"sdp\":\"x\",\"id\":5}",
            "{\"type\":\"offer\",\"to\":\"p_b\",\"sdp\":\"x\"} {}",
            "{\"type\":\"offer\",\"to\":\"p_b\",\"sdp\":\"x\",}",
            "{\"type\":\"candidate\",\"to\":\"p_b\",\"sdp\":\"x\"}",
            "{\"type\":\"Offer\",\"to\":\"p_b\",\"sdp\":\"x\"}",
            "{\"type\":\"offer\",\"to\":\"p_b\"}",
            "{\"to\":\"p_b\",\"sdp\":\"x\"}",
            "{\"type\":\"offer\",\"to\":\"p_b\",\"sdp\":\"tab\there\"}",
            "{\"typ\\u0065\":\"offer\",\"to\":\"p_b\",\"sdp\":\"x\"}",
            "{}",
            "[]");

    private final ProtocolCodec codec = new ProtocolCodec(ProtocolLimits.DEFAULTS);
    private final ObjectReader jackson = codec.mapper().readerFor(ClientMessage.class);

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The parser's answer, checked against Jackson's; returns whether the fast path took it. */
    private boolean agrees(byte[] frame) {
        ClientMessage fast = SdpFrameParser.parse(frame, 0, frame.length);
        if (fast == null) {
            return false;
        }
        Object slow;
        try {
            slow = jackson.readValue(frame, 0, frame.length);
        } catch (Exception e) {
            slow = e.toString();
        }
        assertThat(fast).as("fast path on %s", new String(frame, StandardCharsets.UTF_8)).isEqualTo(slow);
        return true;
    }

    @Test
    void plainOffersAndAnswersAreReadExactlyAsJacksonReadsThem() throws Exception {
        for (String s : ACCEPTED) {
            assertThat(agrees(utf8(s))).as("fast path taken for %s", s).isTrue();
        }
        ClientMessage offer = SdpFrameParser.parse(utf8(ACCEPTED.get(0)), 0, utf8(ACCEPTED.get(0)).length);
        assertThat(offer).isInstanceOf(ClientMessage.Offer.class);
        assertThat(((ClientMessage.Offer) offer).sdp().text())
                .startsWith("v=0\r\no=- ").endsWith("a=ice-pwd:\"q\\u/x\"\tb\bf\f\r\n");
    }

    @Test
    void everythingElseIsLeftToJackson() {
        for (String s : LEFT_TO_JACKSON) {
            byte[] b = utf8(s);
            assertThat(SdpFrameParser.parse(b, 0, b.length)).as(s).isNull();
        }
    }

    @Test
    void readsOnlyItsSliceOfTheBuffer() {
        String message = "{\"type\":\"offer\",\"to\":\"p\",\"sdp\":\"s\"}";
        byte[] whole = utf8("xx" + message + "{\"junk");
        assertThat(SdpFrameParser.parse(whole, 2, message.length()))
                .isEqualTo(new ClientMessage.Offer(null, "p", Sdp.of("s")));
    }

    @Test
    void everyTruncationIsLeftToJackson() {
        for (String s : ACCEPTED) {
            byte[] b = utf8(s.strip());
            for (int n = 0; n < b.length; n++) {
                assertThat(SdpFrameParser.parse(b, 0, n)).as("first %d bytes of %s", n, s).isNull();
            }
        }
    }

    @Test
    void randomMutationsNeverDisagreeWithJackson() {
        Random r = new Random(7);
        byte[] alphabet = utf8("{}[]:,\"\\ \t\r\nabcdefnorstuy0123456789/u-");
        int taken = 0;
        for (int round = 0; round < 40_000; round++) {
            byte[] b = utf8(ACCEPTED.get(r.nextInt(ACCEPTED.size())));
            for (int k = 1 + r.nextInt(3); k > 0; k--) {
                int at = r.nextInt(b.length);
                b[at] = r.nextInt(10) == 0 ? (byte) r.nextInt(256) : alphabet[r.nextInt(alphabet.length)];
            }
            if (agrees(b)) {
                taken++;
            }
        }
        // most mutations hit the long sdp value and keep the frame readable: the fast path must be
        // exercised, not just bailed out of
        assertThat(taken).isGreaterThan(2_000);
    }

    @Test
    void theCodecUsesItAndStillValidates() throws Exception {
        assertThat(codec.decode("{\"type\":\"offer\",\"to\":\"p_b\",\"sdp\":\"v=0\",\"id\":\"1\"}"))
                .isEqualTo(new ClientMessage.Offer("1", "p_b", Sdp.of("v=0")));
        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> codec.decode("{\"type\":\"offer\",\"to\":\"\",\"sdp\":\"v=0\",\"id\":\"1\"}"),
                ProtocolException.class).toError())
                .isEqualTo(new ServerMessage.Error(ErrorCode.INVALID_FIELD, "to: required", "1"));
    }
}
