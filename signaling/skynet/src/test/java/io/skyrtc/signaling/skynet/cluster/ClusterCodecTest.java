package io.skyrtc.signaling.skynet.cluster;

import static io.skyrtc.signaling.skynet.cluster.SkynetPackTest.HEX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The cluster wire protocol against frames captured between two real skynet nodes (test resources
 * skynet-cluster/cluster_*.json): every frame decodes and re-encodes to the same bytes, every scenario
 * assembles (parts interleaved with other sessions included), and our encoder splits each whole message
 * into exactly the frames skynet wrote for it.
 */
class ClusterCodecTest {
    static final String[] FILES = {"cluster_call", "cluster_push", "cluster_large", "cluster_errors"};

    record Frame(boolean request, byte[] payload, JsonNode decoded) {}

    static Stream<JsonNode> scenarios() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String f : FILES) {
            try (InputStream in = ClusterCodecTest.class.getResourceAsStream("/skynet-cluster/" + f + ".json")) {
                new ObjectMapper().readTree(in).get("scenarios").forEach(out::add);
            }
        }
        assertThat(out).hasSize(27);
        return out.stream();
    }

    static List<Frame> frames(JsonNode scenario) {
        List<Frame> out = new ArrayList<>();
        for (JsonNode f : scenario.get("frames")) {
            byte[] bytes = HEX.parseHex(f.get("hex").asText());
            assertThat(bytes).hasSize(f.get("len").asInt());
            int length = ((bytes[0] & 0xff) << 8) | (bytes[1] & 0xff);
            assertThat(length).isEqualTo(bytes.length - 2).isEqualTo(f.at("/decoded/frame_len_header").asInt());
            out.add(new Frame(f.get("dir").asText().equals("request"), Arrays.copyOfRange(bytes, 2, bytes.length),
                    f.get("decoded")));
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void everyFrameDecodesAndReEncodes(JsonNode scenario) throws Exception {
        for (Frame f : frames(scenario)) {
            byte[] again = f.request() ? RequestPacket.decode(f.payload()).encode()
                    : ResponsePacket.decode(f.payload()).encode();
            assertThat(HEX.formatHex(again)).isEqualTo(HEX.formatHex(f.payload()));
        }
    }

    /** Assembles both directions and re-splits each whole message: the frames of its session must match. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void scenariosAssembleAndSplitLikeSkynet(JsonNode scenario) throws Exception {
        List<Frame> frames = frames(scenario);
        RequestAssembler requests = new RequestAssembler(1 << 20);
        ResponseAssembler responses = new ResponseAssembler(1 << 20);
        int whole = 0;
        for (Frame f : frames) {
            if (f.request()) {
                RequestPacket p = RequestPacket.decode(f.payload());
                if (p instanceof RequestPacket.Trace t) {
                    assertThat(new String(t.tag(), StandardCharsets.UTF_8)).isEqualTo(f.decoded().get("tag").asText());
                }
                RequestAssembler.Request r = requests.feed(p);
                if (r == null) {
                    continue;
                }
                whole++;
                JsonNode expected = f.decoded().has("assembled") ? f.decoded().get("assembled") : f.decoded();
                assertThat(r.address().toString()).isEqualTo(expected.get("addr").asText());
                assertThat(r.session()).isEqualTo(expected.get("session").asInt());
                assertThat(r.push()).isEqualTo(expected.get("is_push").asBoolean());
                assertThat(r.body()).hasSize(expected.get("body_len").asInt());
                assertBody(r.body(), expected);
                // a small push carries session 0 on the wire (any real number in gives the same bytes)
                boolean small = p instanceof RequestPacket.Message;
                int session = r.session() == 0 ? 1 : r.session();
                assertThat(small ? List.of(HEX.formatHex(f.payload())) : requestFramesOf(frames, r.session()))
                        .isEqualTo(hexAll(ClusterCodec.request(r.address(), session, r.body(), r.push()).stream()
                                .map(RequestPacket::encode).toList()));
            } else {
                ResponseAssembler.Response r = responses.feed(ResponsePacket.decode(f.payload()));
                if (r == null) {
                    continue;
                }
                whole++;
                List<ResponsePacket> again = r.ok() ? ClusterCodec.ok(r.session(), r.body())
                        : List.of(ClusterCodec.error(r.session(), r.errorText()));
                assertThat(responseFramesOf(frames, r.session()))
                        .isEqualTo(hexAll(again.stream().map(ResponsePacket::encode).toList()));
                if (f.decoded().has("body")) {
                    assertBody(r.body(), f.decoded());
                }
            }
        }
        assertThat(whole).isPositive();
        assertThat(requests.pending()).isZero();
    }

    private static void assertBody(byte[] body, JsonNode decoded) {
        JsonNode expected = decoded.get("body");
        if (expected == null || expected.isTextual()) {
            return;  // an error text, or a body the capture did not decode
        }
        List<Object> values = new ArrayList<>();
        expected.forEach(v -> values.add(SkynetPackTest.expected(v)));
        SkynetPackTest.assertSame(SkynetPack.unpack(body), values, decoded.toString());
    }

    /** The frames of a large message: its header and parts, wherever they sit among other frames. */
    private static List<String> requestFramesOf(List<Frame> frames, int session) {
        List<String> out = new ArrayList<>();
        for (Frame f : frames) {
            if (!f.request()) {
                continue;
            }
            JsonNode d = f.decoded();
            if (d.has("session") && d.get("session").asInt() == session && !d.get("type").asText().startsWith("0x04")) {
                out.add(HEX.formatHex(f.payload()));
            }
        }
        return out;
    }

    private static List<String> responseFramesOf(List<Frame> frames, int session) {
        List<String> out = new ArrayList<>();
        for (Frame f : frames) {
            if (!f.request() && f.decoded().get("session").asInt() == session) {
                out.add(HEX.formatHex(f.payload()));
            }
        }
        return out;
    }

    private static List<String> hexAll(List<byte[]> payloads) {
        return payloads.stream().map(HEX::formatHex).toList();
    }
}
