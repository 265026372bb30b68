package io.skyrtc.signaling.protocol.bench;

import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.skyrtc.signaling.protocol.ClientMessage;
import io.skyrtc.signaling.protocol.ProtocolCodec;
import io.skyrtc.signaling.protocol.ProtocolLimits;
import io.skyrtc.signaling.protocol.Sdp;
import io.skyrtc.signaling.protocol.ServerMessage;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The relay hot path's codec work for one offer: reading the client's frame and writing the frame
 * for its target, through ProtocolCodec (offer/answer fast paths) and through plain Jackson data
 * binding on the same bytes as the yardstick. {@code plain}: a 1 KB SDP without escapes, like the
 * load generator's; {@code browser}: a 1 KB SDP as browsers send it, a CRLF every ~50 bytes.
 * {@code encode} starts from an SDP text (as when Jackson decoded the offer); {@code relay} is the
 * usual path, decode then encode, where the SDP's received literal is written out again as is.
 * README "Benchmark" has the command.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CodecBenchmark {
    @Param({"plain", "browser"})
    public String sdpKind;

    private final ProtocolCodec codec = new ProtocolCodec(ProtocolLimits.DEFAULTS);
    private final ObjectReader jacksonReader = codec.mapper().readerFor(ClientMessage.class);
    private final ObjectWriter jacksonWriter = codec.mapper().writerFor(ServerMessage.class);
    private byte[] frame;
    private ServerMessage.Offer relayed;

    @Setup
    public void setup() throws Exception {
        String sdp;
        if (sdpKind.equals("plain")) {
            sdp = "t=1234567890123456789;" + "a".repeat(978);
        } else {
            StringBuilder s = new StringBuilder("v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n");
            for (int i = 0; s.length() < 1000; i++) {
                s.append("a=candidate:").append(i).append(" 1 udp 2122260223 192.168.1.").append(i % 250)
                        .append(" 5").append(1000 + i).append(" typ host\r\n");
            }
            sdp = s.toString();
        }
        // as clients write it, type first; Jackson writes the same members (type included) for the record
        String text = codec.mapper()
                .writeValueAsString(new ClientMessage.Offer("42", "p_4Jq8xM2vLr9TzW0yB7nK1c", Sdp.of(sdp)));
        if (!text.startsWith("{\"type\":\"offer\",\"id\":\"42\",")) {
            throw new IllegalStateException("not the frame a client sends: " + text);
        }
        frame = text.getBytes(StandardCharsets.UTF_8);
        relayed = new ServerMessage.Offer("p_8hV3kQ0wZr6NdLx2cY5mT9", Sdp.of(sdp));
        if (!codec.decode(frame, 0, frame.length).equals(jacksonReader.readValue(frame))) {
            throw new IllegalStateException("the two decoders disagree on " + text);
        }
    }

    @Benchmark
    public ClientMessage decode() throws Exception {
        return codec.decode(frame, 0, frame.length);
    }

    @Benchmark
    public ClientMessage decodeJackson() throws Exception {
        return jacksonReader.readValue(frame, 0, frame.length);
    }

    @Benchmark
    public byte[] encode() {
        return codec.encode(relayed);
    }

    /** What relaying one offer costs the codec: its frame read, and the target's frame written from it. */
    @Benchmark
    public byte[] relay() throws Exception {
        ClientMessage.Offer in = (ClientMessage.Offer) codec.decode(frame, 0, frame.length);
        return codec.encode(new ServerMessage.Offer("p_8hV3kQ0wZr6NdLx2cY5mT9", in.sdp()));
    }

    @Benchmark
    public byte[] encodeJackson() throws Exception {
        return jacksonWriter.writeValueAsBytes(relayed);
    }
}
