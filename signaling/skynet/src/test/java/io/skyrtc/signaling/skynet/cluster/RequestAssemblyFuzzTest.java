package io.skyrtc.signaling.skynet.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import io.skyrtc.signaling.skynet.GateFrames;

/**
 * One connection's request direction, as a peer node may send it: input = a 2-byte size limit, then
 * 2-byte-length framed packets. Each packet decodes or is refused with ClusterProtocolException (the
 * connection is then dropped, so the run stops); a decoded packet encodes back to its exact bytes; the
 * assembler's requests match a plain model: a message as is, a large one as its parts joined in order
 * when they add up to its header and fit the limit, else no body and a reason; a part without a header
 * is a ClusterProtocolException. Nothing else is ever thrown.
 */
class RequestAssemblyFuzzTest {

    @FuzzTest
    void packetsAssembleIntoTheRequestsTheyCarry(byte[] input) throws IOException {
        if (input.length < 2) {
            return;
        }
        int limit = ((input[0] & 0xff) << 8) | (input[1] & 0xff);
        ByteArrayInputStream wire = new ByteArrayInputStream(input, 2, input.length - 2);
        RequestAssembler assembler = new RequestAssembler(limit);
        Map<Integer, Model> open = new HashMap<>();
        byte[] payload;
        while ((payload = nextPayload(wire)) != null) {
            RequestPacket packet;
            try {
                packet = RequestPacket.decode(payload);
            } catch (ClusterProtocolException refused) {
                return;
            }
            assertThat(packet.encode()).as("encode(decode(%s))", HexFormat.of().formatHex(payload))
                    .isEqualTo(payload);
            if (packet instanceof RequestPacket.Part part && !open.containsKey(part.session())) {
                assertThatThrownBy(() -> assembler.feed(part)).isInstanceOf(ClusterProtocolException.class);
                return;
            }
            RequestAssembler.Request request = assembler.feed(packet);
            expect(packet, open, limit, request);
            assertThat(assembler.pending()).isEqualTo(open.size());
        }
    }

    /** A large message in progress, as the model keeps it. */
    private record Model(RequestPacket.LargeHeader header, ByteArrayOutputStream bytes) {}

    private static void expect(RequestPacket packet, Map<Integer, Model> open, int limit,
                               RequestAssembler.Request got) {
        if (packet instanceof RequestPacket.Message m) {
            assertThat(got.address()).isEqualTo(m.address());
            assertThat(got.session()).isEqualTo(m.session());
            assertThat(got.body()).isEqualTo(m.body());
            assertThat(got.push()).isEqualTo(m.session() == 0);
            assertThat(got.problem()).isNull();
        } else if (packet instanceof RequestPacket.LargeHeader h) {
            assertThat(got).isNull();
            open.put(h.session(), new Model(h, new ByteArrayOutputStream()));
        } else if (packet instanceof RequestPacket.Part part) {
            Model m = open.get(part.session());
            m.bytes().writeBytes(part.chunk());
            if (!part.last()) {
                assertThat(got).isNull();
                return;
            }
            open.remove(part.session());
            RequestPacket.LargeHeader h = m.header();
            assertThat(got.address()).isEqualTo(h.address());
            assertThat(got.session()).isEqualTo(h.session());
            assertThat(got.push()).isEqualTo(h.push());
            boolean fits = h.total() <= limit && m.bytes().size() <= limit;
            if (fits && m.bytes().size() == h.total()) {
                assertThat(got.body()).isEqualTo(m.bytes().toByteArray());
                assertThat(got.problem()).isNull();
            } else {
                assertThat(got.body()).isNull();
                assertThat(got.problem()).isNotBlank();
            }
        } else {
            assertThat(got).as("a trace tag is no request").isNull();
        }
    }

    /** The next framed payload, or null at the end (a cut-off last frame ends the input too). */
    static byte[] nextPayload(ByteArrayInputStream wire) {
        try {
            return GateFrames.read(wire);
        } catch (IOException truncated) {
            return null;
        }
    }
}
