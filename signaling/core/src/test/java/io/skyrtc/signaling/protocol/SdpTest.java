package io.skyrtc.signaling.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * An SDP received as the literal this server would write is relayed as those very bytes, and the
 * relayed frame is still exactly Jackson's; anything else is decoded and written again.
 */
class SdpTest {
    private final ProtocolCodec codec = new ProtocolCodec(ProtocolLimits.DEFAULTS);
    private final ObjectMapper jackson = codec.mapper();

    /** What the fast parser makes of an offer carrying {@code sdpLiteral} (a JSON string, quotes included). */
    private Sdp received(String sdpLiteral) {
        byte[] frame = ("{\"type\":\"offer\",\"to\":\"p_b\",\"sdp\":" + sdpLiteral + "}")
                .getBytes(StandardCharsets.UTF_8);
        ClientMessage m = SdpFrameParser.parse(frame, 0, frame.length);
        assertThat(m).as("fast path for %s", sdpLiteral).isInstanceOf(ClientMessage.Offer.class);
        return ((ClientMessage.Offer) m).sdp();
    }

    /** The relayed frame is byte for byte what Jackson writes for the same text. */
    private byte[] relayed(Sdp sdp) throws Exception {
        byte[] ours = codec.encode(new ServerMessage.Offer("p_a", sdp));
        byte[] theirs = jackson.writerFor(ServerMessage.class)
                .writeValueAsBytes(new ServerMessage.Offer("p_a", Sdp.of(sdp.text())));
        assertThat(new String(ours, StandardCharsets.UTF_8)).isEqualTo(new String(theirs, StandardCharsets.UTF_8));
        return ours;
    }

    @Test
    void aBrowserSdpIsKeptAsReceivedAndRelayedAsThoseBytes() throws Exception {
        String text = "v=0\r\no=- 46117 2 IN IP4 127.0.0.1\r\ns=-\r\na=ice-pwd:\"q\\x\"\tb\bf\f\r\n";
        String literal = jackson.writeValueAsString(text); // what JSON.stringify writes too
        Sdp sdp = received(literal);
        assertThat(sdp.json()).isEqualTo(literal.getBytes(StandardCharsets.US_ASCII));
        assertThat(sdp.text()).isEqualTo(text);
        assertThat(new String(relayed(sdp), StandardCharsets.UTF_8)).endsWith(",\"sdp\":" + literal + "}");
        // equal to the same text however it was made
        assertThat(sdp).isEqualTo(Sdp.of(text)).hasSameHashCodeAs(Sdp.of(text));
        assertThat(Sdp.of(text)).isEqualTo(sdp);
    }

    @Test
    void anEscapedSlashIsDecodedAndWrittenAsJacksonWritesIt() throws Exception {
        Sdp sdp = received("\"a=fingerprint:sha-256 AB\\/CD\\r\\n\"");
        assertThat(sdp.json()).as("not the form this server writes").isNull();
        assertThat(sdp.text()).isEqualTo("a=fingerprint:sha-256 AB/CD\r\n");
        assertThat(new String(relayed(sdp), StandardCharsets.UTF_8)).endsWith("\"a=fingerprint:sha-256 AB/CD\\r\\n\"}");
    }

    @Test
    void sizeIsTheDecodedTextsAtItsEdge() {
        Sdp sdp = received("\"ab\\r\\n\""); // 4 bytes of text, 8 of literal
        assertThat(sdp.longerThan(4)).isFalse();
        assertThat(sdp.longerThan(3)).isTrue();
        assertThat(sdp.isEmpty()).isFalse();
        assertThat(received("\"\"").isEmpty()).isTrue();
        // the text form counts UTF-8 bytes: 2 x 3
        assertThat(Sdp.of("€€").longerThan(6)).isFalse();
        assertThat(Sdp.of("€€").longerThan(5)).isTrue();
    }

    @Test
    void randomAsciiWithEveryShortEscapeRoundTrips() throws Exception {
        Random r = new Random(7);
        char[] alphabet = "ab =:/\r\n\t\b\f\"\\".toCharArray();
        for (int i = 0; i < 300; i++) {
            StringBuilder s = new StringBuilder();
            for (int k = r.nextInt(120); k > 0; k--) {
                s.append(alphabet[r.nextInt(alphabet.length)]);
            }
            String text = s.toString();
            Sdp sdp = received(jackson.writeValueAsString(text));
            assertThat(sdp.json()).as("kept: %s", text).isNotNull();
            assertThat(sdp.text()).isEqualTo(text);
            assertThat(sdp.longerThan(text.length())).isFalse();
            assertThat(sdp.longerThan(text.length() - 1)).isTrue();
            relayed(sdp);
        }
    }
}
