package io.skyrtc.signaling.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Data fidelity and strictness at the protocol edge (issue 18, items 13-16). */
class StrictCodecTest {
    private final ProtocolCodec codec = new ProtocolCodec(ProtocolLimits.DEFAULTS);

    private ProtocolException refused(String frame) {
        ProtocolException e = catchThrowableOfType(ProtocolException.class, () -> codec.decode(frame));
        assertThat(e).as(frame).isNotNull();
        return e;
    }

    /** The frame a peer receives when this payload text is relayed. */
    private String relayed(String payloadText) throws ProtocolException {
        ClientMessage.Data d = (ClientMessage.Data) codec.decode("{\"type\":\"data\",\"payload\":" + payloadText + "}");
        return new String(codec.encode(new ServerMessage.Data("p_a", d.payload())), StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e999999", "1E+2", "-0", "-0.0", "0.1000000000000000055511151231257827021181583404541015625",
            "123456789012345678901234567890123456789", "{\"a\" : [1 , 2.50], \"b\":{}}", "\"h\\u00e9 \\ud83d\\ude00\"",
            "null", "[true,false,null]", "{\"x\":-1.0E-400}"})
    void payloadIsRelayedAsWritten(String payload) throws Exception {
        assertThat(relayed(payload)).isEqualTo("{\"type\":\"data\",\"from\":\"p_a\",\"payload\":" + payload + "}");
    }

    @Test
    void overLongNumbersAreAnInvalidFieldThatSaysSo() throws Exception {
        String ok = "9".repeat(ProtocolLimits.MAX_NUMBER_CHARS);
        assertThat(relayed("{\"n\":" + ok + "}")).endsWith("{\"n\":" + ok + "}}");
        ProtocolException e = refused("{\"type\":\"data\",\"id\":\"d1\",\"payload\":{\"n\":[1," + ok + "1]}}");
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_FIELD);
        assertThat(e.getMessage()).isEqualTo("payload.n.1: a number of more than 1000 digits (send such a value as a string)");
        assertThat(e.getMessage()).doesNotContain("nested");
    }

    @Test
    void nestingDepthMessageIsTrue() throws Exception {
        String fifteen = "[".repeat(15) + "]".repeat(15); // the message object is level 1
        relayed(fifteen);
        ProtocolException e = refused("{\"type\":\"data\",\"payload\":" + "[".repeat(16) + "]".repeat(16) + "}");
        assertThat(e.code()).isEqualTo(ErrorCode.BAD_JSON);
        assertThat(e.getMessage()).isEqualTo("JSON nested deeper than 16 levels (the message object is the first)");
    }

    @Test
    void noTypeCoercion() {
        for (String received : new String[] {"\"3\"", "3.0", "3.5", "true"}) {
            ProtocolException e = refused("{\"type\":\"join\",\"room\":\"r\",\"resume\":\"t\",\"received\":" + received + "}");
            assertThat(e.code()).as(received).isEqualTo(ErrorCode.INVALID_FIELD);
            assertThat(e.getMessage()).as(received).contains("received");
        }
        assertThat(refused("{\"type\":\"ping\",\"id\":5}").code()).isEqualTo(ErrorCode.INVALID_FIELD);
    }

    @Test
    void duplicateKeysAreRefusedUniformly() {
        for (String frame : new String[] {
                "{\"type\":\"ping\",\"id\":\"a\",\"id\":\"b\"}",
                "{\"type\":\"offer\",\"to\":\"p_b\",\"sdp\":\"v=0\",\"to\":\"p_c\"}",
                "{\"type\":\"data\",\"payload\":{\"k\":1,\"k\":2}}",
                "{\"type\":\"join\",\"room\":\"r\",\"meta\":{\"role\":\"x\",\"role\":\"admin\"}}",
                "{\"type\":\"ping\",\"type\":\"ping\"}"}) {
            ProtocolException e = refused(frame);
            assertThat(e.code()).as(frame).isEqualTo(ErrorCode.BAD_JSON);
            assertThat(e.getMessage()).as(frame).matches("duplicate key \"(id|to|k|role|type)\" \\(line 1, column \\d+\\)");
        }
    }

    @Test
    void syntaxErrorsGetStableMessagesOfOurOwn() {
        String[][] cases = {
                {"{\"type\":\"ping\",\"id\":tru}", "malformed JSON (line 1, column "},
                {"{\"type\":\"ping\"", "JSON text ends too early: an object, array or string is not closed"},
                {"{\"type\":\"data\",\"payload\":01}", "malformed number (JSON numbers are finite decimals without leading zeroes) (line 1, column "},
                {"{\"type\":\"data\",\"payload\":NaN}", "malformed number (JSON numbers are finite decimals without leading zeroes) (line 1, column "},
                {"{\"type\":\"data\",\"payload\":\"\\q\"}", "invalid escape sequence in a string (line 1, column "},
                {"{\"type\":\"data\",\"payload\":\"a\u0001\"}", "control character in a string (it must be escaped) (line 1, column "},
                {"{type:\"ping\"}", "malformed JSON (line 1, column "},
        };
        for (String[] c : cases) {
            ProtocolException e = refused(c[0]);
            assertThat(e.code()).as(c[0]).isEqualTo(ErrorCode.BAD_JSON);
            assertThat(e.getMessage()).as(c[0]).startsWith(c[1])
                    .doesNotContain("Unexpected", "Unrecognized", "Source", "REDACTED", "code ", "`", "token '");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil\u202Egnp.exe", "\u2066x\u2069", "a\u200Eb", "a\u200Fb", "a\u061Cb", "\uFEFFbob",
            "bob\u2028", "bob\u2029", "\u200B\u200B", "\u3164", "\u2800", "\u0301", "\uFE0F", " \u00A0 ", "a\\u0007"})
    void displayNamesThatLieAreRefused(String name) {
        ProtocolException e = refused("{\"type\":\"join\",\"room\":\"r\",\"name\":\"" + name + "\"}");
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_FIELD);
        assertThat(e.getMessage()).startsWith("name: ");
    }

    @Test
    void unpairedSurrogatesAreRefused() {
        for (String escaped : new String[] {"\\ud800", "a\\udc00b", "\\ude00\\ud83d"}) {
            ProtocolException e = refused("{\"type\":\"join\",\"room\":\"r\",\"name\":\"" + escaped + "\"}");
            assertThat(e.getMessage()).as(escaped).startsWith("name: contains an unpaired surrogate");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"Zoë", "玩家一号", "👩\u200D💻 dev", "\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645", "\\ud83d\\ude00",
            "x\u200B", "Ünal"})
    void ordinaryNamesStillJoin(String name) throws Exception {
        ClientMessage m = codec.decode("{\"type\":\"join\",\"room\":\"r\",\"name\":\"" + name + "\"}");
        assertThat(((ClientMessage.Join) m).name()).isNotEmpty();
    }
}
