package io.skyrtc.turn.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IceUrlTest {
    @ParameterizedTest
    @CsvSource({
        "stun:stun.l.google.com:19302, stun, stun.l.google.com, 19302, udp, true",
        "stun:example.org, stun, example.org, 3478, udp, true",
        "turn:1.2.3.4, turn, 1.2.3.4, 3478, udp, true",
        "turn:1.2.3.4:443?transport=tcp, turn, 1.2.3.4, 443, tcp, false",
        "turn:[2001:db8::1]:3479?transport=udp, turn, 2001:db8::1, 3479, udp, true",
        "turns:turn.example.com, turns, turn.example.com, 5349, tcp, false",
        "stuns:x.example, stuns, x.example, 5349, tcp, false",
    })
    void parses(String raw, String scheme, String host, int port, String transport, boolean udp) {
        IceUrl u = IceUrl.parse(raw);
        assertThat(u.scheme()).isEqualTo(scheme);
        assertThat(u.host()).isEqualTo(host);
        assertThat(u.port()).isEqualTo(port);
        assertThat(u.transport()).isEqualTo(transport);
        assertThat(u.checkableOverUdp()).isEqualTo(udp);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://x", "turn:", "turn:x:99999", "stun:x?transport=udp", "turn:x?transport=sctp",
        "turn:a b", "turn://x:3478"})
    void refuses(String raw) {
        assertThatThrownBy(() -> IceUrl.parse(raw)).isInstanceOf(IllegalArgumentException.class);
    }
}
