package io.skyrtc.signaling.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.junit.jupiter.api.Test;

/** Message assembly without sockets: frames in, whole messages (or a verdict) out. */
class TextAssemblerTest {
    private final TextAssembler text = new TextAssembler(10);

    private static Frame frame(byte op, boolean fin, String payload) {
        return new Frame(op, fin, ByteBuffer.wrap(payload.getBytes(StandardCharsets.UTF_8)));
    }

    private String taken() {
        String whole = new String(text.bytes(), 0, text.length(), StandardCharsets.UTF_8);
        text.release();
        return whole;
    }

    @Test
    void aWholeFrameIsAWholeMessage() {
        assertThat(text.accept(frame(OpCode.TEXT, true, "0123456789"))).isEqualTo(TextAssembler.Result.COMPLETE);
        assertThat(taken()).isEqualTo("0123456789");
    }

    @Test
    void fragmentsJoinUpToTheLimitAndNotOneBytePast() {
        assertThat(text.accept(frame(OpCode.TEXT, false, "0123"))).isEqualTo(TextAssembler.Result.INCOMPLETE);
        assertThat(text.accept(frame(OpCode.CONTINUATION, false, "456"))).isEqualTo(TextAssembler.Result.INCOMPLETE);
        assertThat(text.accept(frame(OpCode.CONTINUATION, true, "789"))).isEqualTo(TextAssembler.Result.COMPLETE);
        assertThat(taken()).isEqualTo("0123456789");

        assertThat(text.accept(frame(OpCode.TEXT, false, "0123456789"))).isEqualTo(TextAssembler.Result.INCOMPLETE);
        assertThat(text.accept(frame(OpCode.CONTINUATION, true, "x"))).isEqualTo(TextAssembler.Result.TOO_LARGE);
        // the connection is closed after TOO_LARGE; a fresh message would still assemble
        assertThat(text.accept(frame(OpCode.TEXT, true, "ok"))).isEqualTo(TextAssembler.Result.COMPLETE);
        assertThat(taken()).isEqualTo("ok");
    }

    @Test
    void wholeFramesShareTheThreadsScratchButEachMessageIsExact() {
        TextAssembler other = new TextAssembler(10);
        assertThat(text.accept(frame(OpCode.TEXT, true, "0123456789"))).isEqualTo(TextAssembler.Result.COMPLETE);
        assertThat(taken()).isEqualTo("0123456789");
        assertThat(other.accept(frame(OpCode.TEXT, true, "abc"))).isEqualTo(TextAssembler.Result.COMPLETE);
        assertThat(new String(other.bytes(), 0, other.length(), StandardCharsets.UTF_8)).isEqualTo("abc");
        other.release();
        assertThat(other.bytes()).isNull();
    }

    @Test
    void messagesPastTheScratchSizeGetTheirOwnArray() {
        TextAssembler big = new TextAssembler(200_000);
        String huge = "x".repeat(150_000);
        assertThat(big.accept(frame(OpCode.TEXT, true, huge))).isEqualTo(TextAssembler.Result.COMPLETE);
        assertThat(big.length()).isEqualTo(150_000);
        assertThat(new String(big.bytes(), 0, big.length(), StandardCharsets.UTF_8)).isEqualTo(huge);
        assertThat(text.accept(frame(OpCode.TEXT, true, "ok"))).isEqualTo(TextAssembler.Result.COMPLETE);
        assertThat(text.bytes()).isNotSameAs(big.bytes());
        assertThat(taken()).isEqualTo("ok");
    }

    @Test
    void aSingleFrameOverTheLimitIsTooLarge() {
        assertThat(text.accept(frame(OpCode.TEXT, true, "0123456789x"))).isEqualTo(TextAssembler.Result.TOO_LARGE);
    }

    @Test
    void emptyFramesAreFine() {
        assertThat(text.accept(frame(OpCode.TEXT, false, ""))).isEqualTo(TextAssembler.Result.INCOMPLETE);
        assertThat(text.accept(frame(OpCode.CONTINUATION, true, "{}"))).isEqualTo(TextAssembler.Result.COMPLETE);
        assertThat(taken()).isEqualTo("{}");
    }

    @Test
    void badSequencesAndBinaryAreNamed() {
        assertThat(text.accept(frame(OpCode.CONTINUATION, true, "x"))).isEqualTo(TextAssembler.Result.BAD_SEQUENCE);
        assertThat(text.accept(frame(OpCode.BINARY, true, "x"))).isEqualTo(TextAssembler.Result.BINARY);
        assertThat(text.accept(frame(OpCode.TEXT, false, "a"))).isEqualTo(TextAssembler.Result.INCOMPLETE);
        assertThat(text.accept(frame(OpCode.TEXT, true, "b"))).isEqualTo(TextAssembler.Result.BAD_SEQUENCE);
    }
}
