package io.skyrtc.signaling.skynet.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * One connection's response direction, as a peer node may send it: input = a 2-byte size limit, then
 * 2-byte-length framed packets. Each packet decodes or is refused with ClusterProtocolException; a decoded
 * one encodes back to its exact bytes; the assembler matches a plain model: an error or ok as is (an
 * error drops that session's large response), a large response as its parts joined in order, ok when
 * they add up to its announced size, an error text when they fall short; an announced size over the
 * limit, a part without a begin or parts longer than announced are ClusterProtocolExceptions. Nothing
 * else is ever thrown.
 */
class ResponseAssemblyFuzzTest {

    @FuzzTest
    void packetsAssembleIntoTheResponsesTheyCarry(byte[] input) throws ClusterProtocolException {
        if (input.length < 2) {
            return;
        }
        int limit = ((input[0] & 0xff) << 8) | (input[1] & 0xff);
        ByteArrayInputStream wire = new ByteArrayInputStream(input, 2, input.length - 2);
        ResponseAssembler assembler = new ResponseAssembler(limit);
        Map<Integer, Model> open = new HashMap<>();
        byte[] payload;
        while ((payload = RequestAssemblyFuzzTest.nextPayload(wire)) != null) {
            ResponsePacket packet;
            try {
                packet = ResponsePacket.decode(payload);
            } catch (ClusterProtocolException refused) {
                return;
            }
            assertThat(packet.encode()).as("encode(decode(%s))", HexFormat.of().formatHex(payload))
                    .isEqualTo(payload);
            int session = packet.session();
            if (packet instanceof ResponsePacket.Error e) {
                open.remove(session);
                expect(assembler.feed(packet), session, false, e.text());
            } else if (packet instanceof ResponsePacket.Ok ok) {
                expect(assembler.feed(packet), session, true, ok.body());
            } else if (packet instanceof ResponsePacket.Begin b) {
                if (b.total() > limit) {
                    assertThatThrownBy(() -> assembler.feed(packet)).isInstanceOf(ClusterProtocolException.class);
                    return;
                }
                assertThat(assembler.feed(packet)).isNull();
                open.put(session, new Model(b.total(), new ByteArrayOutputStream()));
            } else {
                ResponsePacket.Part part = (ResponsePacket.Part) packet;
                Model m = open.get(session);
                if (m == null || m.bytes().size() + part.chunk().length > m.total()) {
                    assertThatThrownBy(() -> assembler.feed(packet)).isInstanceOf(ClusterProtocolException.class);
                    return;
                }
                m.bytes().writeBytes(part.chunk());
                ResponseAssembler.Response got = assembler.feed(packet);
                if (!part.last()) {
                    assertThat(got).isNull();
                } else {
                    open.remove(session);
                    if (m.bytes().size() == m.total()) {
                        expect(got, session, true, m.bytes().toByteArray());
                    } else {
                        assertThat(got.ok()).isFalse();
                        assertThat(got.errorText()).contains("announced " + m.total());
                    }
                }
            }
        }
    }

    private record Model(long total, ByteArrayOutputStream bytes) {}

    private static void expect(ResponseAssembler.Response got, int session, boolean ok, byte[] body) {
        assertThat(got.session()).isEqualTo(session);
        assertThat(got.ok()).isEqualTo(ok);
        assertThat(got.body()).isEqualTo(body);
    }
}
