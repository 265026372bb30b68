package io.skyrtc.signaling.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-written offer/answer encoder writes exactly the bytes Jackson writes. */
class SdpFramesTest {
    private final ObjectWriter jackson = new ProtocolCodec(ProtocolLimits.DEFAULTS).mapper()
            .writerFor(ServerMessage.class);

    private void same(ServerMessage m) throws Exception {
        byte[] fast = SdpFrames.encode(m);
        assertThat(fast).as("fast path taken for %s", m).isNotNull();
        assertThat(new String(fast, java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(new String(jackson.writeValueAsBytes(m), java.nio.charset.StandardCharsets.UTF_8));
        assertThat(fast).isEqualTo(jackson.writeValueAsBytes(m));
    }

    @Test
    void everyCharacterUpTo0x7FFAndSomeBeyond() throws Exception {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0x800; c++) {
            all.append(c);
        }
        all.append("中文 \uFFFF \uE000 😀 \uD83D\uDE00 end");
        same(new ServerMessage.Offer("p_x", Sdp.of(all.toString())));
        same(new ServerMessage.Answer("p_\"quoted\\", Sdp.of(all.reverse().toString().replace("\uDE00\uD83D", ""))));
    }

    @Test
    void realisticAndRandomSdp() throws Exception {
        String sdp = "v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
                + "a=group:BUNDLE 0 1\r\na=msid-semantic: WMS stream\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n";
        same(new ServerMessage.Offer("p_abc", Sdp.of(sdp)));
        same(new ServerMessage.Answer("p_abc", Sdp.of("")));
        Random r = new Random(42);
        List<ServerMessage> random = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            StringBuilder s = new StringBuilder();
            int n = r.nextInt(200);
            for (int k = 0; k < n; k++) {
                int kind = r.nextInt(4);
                s.appendCodePoint(kind == 0 ? r.nextInt(0x80) : kind == 1 ? r.nextInt(0x800)
                        : kind == 2 ? 0xE000 + r.nextInt(0x1FFF) : 0x10000 + r.nextInt(0xFFFFF));
            }
            random.add(i % 2 == 0 ? new ServerMessage.Offer("p_" + i, Sdp.of(s.toString()))
                    : new ServerMessage.Answer("p_" + i, Sdp.of(s.toString())));
        }
        for (ServerMessage m : random) {
            same(m);
        }
    }

    @Test
    void allAsciiStringsTakeTheByteCopyPathWithEveryEscape() throws Exception {
        StringBuilder ascii = new StringBuilder();
        for (char c = 0; c < 0x80; c++) {
            ascii.append(c).append("plain text run ").append(c);
        }
        same(new ServerMessage.Offer("p_ascii?", Sdp.of(ascii.toString())));
        same(new ServerMessage.Answer("p_\"q\\", Sdp.of("?" + ascii + "??")));
        Random r = new Random(11);
        for (int i = 0; i < 2000; i++) {
            StringBuilder s = new StringBuilder();
            for (int k = r.nextInt(120); k > 0; k--) {
                s.append(r.nextInt(8) == 0 ? (char) r.nextInt(0x20) : (char) (0x20 + r.nextInt(0x60)));
            }
            same(new ServerMessage.Offer("p_" + i, Sdp.of(s.toString())));
        }
    }

    @Test
    void loneSurrogatesAndOtherMessagesGoToJackson() {
        // a lone surrogate encodes to '?', as long as an ASCII char: it must not pass for one
        assertThat(SdpFrames.encode(new ServerMessage.Offer("p_a", Sdp.of("ascii ? and \uD800")))).isNull();
        assertThat(SdpFrames.encode(new ServerMessage.Offer("p_\uDBFF", Sdp.of("all ascii")))).isNull();
        assertThat(SdpFrames.encode(new ServerMessage.Offer("p_a", Sdp.of("bad \uD800 here")))).isNull();
        assertThat(SdpFrames.encode(new ServerMessage.Answer("p_a", Sdp.of("bad \uDC00")))).isNull();
        assertThat(SdpFrames.encode(new ServerMessage.Pong("x"))).isNull();
    }
}
